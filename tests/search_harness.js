/* Runs templates/static/search.js's searchArticles under Node against a split index on disk and
 * compares every ranking and exact count with the whole index's (cases.json, written by
 * tests/test_search_harness.py).
 *
 *   node tests/search_harness.js SITE MODE WANTS
 *
 * MODE: fresh (a new store per search), race (each search overlaps another on one store, fetches
 * delayed at random), fail (half the fetches of members, tails and articles' files fail; the search
 * is retried on the same store). Prints one JSON line: {"runs", "mismatches", "counts", "errors"}.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const [site, mode, wantList] = process.argv.slice(2);
const wants = wantList.split(",").map(Number);
let seed = 1;
function random() { seed = (seed * 16807) % 2147483647; return seed / 2147483647; }

global.document = { getElementById: () => null };
global.lunr = require(path.join(site, "static/lunr.js"));
global.fetch = async function (url) {
  const relative = url.replace(/^\//, "");
  if (mode === "race") await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 5)));
  if (mode === "fail" && /^search\/(m|tail|d)\//.test(relative) && random() < 0.5) return { ok: false, status: 500 };
  const file = path.join(site, relative);
  if (!fs.existsSync(file)) return { ok: false, status: 404 };
  const text = fs.readFileSync(file, "utf8");
  return { ok: true, status: 200, json: async () => JSON.parse(text) };
};
const S = require(path.join(__dirname, "../templates/static/search.js")).internals;
const manifest = JSON.parse(fs.readFileSync(path.join(site, "search/manifest.json"), "utf8"));
const { ids, cases } = JSON.parse(fs.readFileSync(path.join(site, "cases.json"), "utf8"));

async function once(store, query, filter, want) {
  if (mode === "race") {
    const other = cases[Math.floor(random() * cases.length)];
    const overlapping = S.searchArticles(store, S.parseQuery(other.q), { source: other.source, story: null },
                                         10 * (1 + Math.floor(random() * 3))).catch(() => null);
    const result = await S.searchArticles(store, query, filter, want);
    await overlapping;
    return result;
  }
  for (let attempt = 0; ; attempt += 1) {
    try { return await S.searchArticles(store, query, filter, want); }
    catch (error) { if (mode !== "fail" || attempt > 50) throw error; }
  }
}

(async () => {
  const tally = { runs: 0, mismatches: [], counts: [], errors: [] };
  const shared = new S.Store("/", manifest);
  for (const one of cases) {
    for (const want of wants) {
      tally.runs += 1;
      const store = mode === "fresh" ? new S.Store("/", manifest) : shared;
      const label = `${JSON.stringify(one.q)} source ${one.source} want ${want}`;
      let result;
      try { result = await once(store, S.parseQuery(one.q), { source: one.source, story: null }, want); }
      catch (error) { tally.errors.push(`${label}: ${error.message}`); continue; }
      const got = result.results.map((r) => ids[r.ref]);
      if (JSON.stringify(got) !== JSON.stringify(one.ref.slice(0, want))) tally.mismatches.push(label);
      if (result.exact && result.total !== one.ref.length) tally.counts.push(`${label}: ${result.total} of ${one.ref.length}`);
    }
  }
  console.log(JSON.stringify(tally));
})();
