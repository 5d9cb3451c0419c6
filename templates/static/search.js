/* Search in the browser: lunr.js over the pieces of the index a query needs (search/manifest.json).
 *
 * The query is tokenised with the rules of generator/search/tokens.py (keep the
 * two in step: tests/test_search_tokens.py compares them). Every result is built
 * with DOM methods and textContent: the archive's text is never parsed as HTML.
 */
(function () {
  "use strict";

  var SEPARATORS = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u2012-\u2015\u2212/]+/u;
  var HYPHENS = /[-\u2010]/u;
  var FOLD = { "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u03c2": "\u03c3" };
  var FOLDED = /[\u2019\u2018\u02bc\u03c2]/gu;
  var WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
  var CURRENCY = /^\p{Sc}$/u;
  var LETTERS = /^\p{L}+$/u;
  var NUMBER = /^[0-9][0-9,.]*/;
  var DIGIT_GROUPS = /([0-9]),(?=[0-9])/g;
  var ENTITIES_SHOWN = 8;
  var PASSAGE_CHARS = 280;
  var MIN_PREFIX = 3;

  function normalise(text) {
    return text.normalize("NFKC").toLowerCase().replace(FOLDED, function (c) { return FOLD[c]; });
  }

  function isWordChar(c) { return WORD_CHAR.test(c); }

  function isAbbreviation(word) {
    var letters = word.split(".");
    return letters.length > 1 && letters.every(function (one) {
      return Array.from(one).length === 1 && LETTERS.test(one);
    });
  }

  /* Strip surrounding punctuation; keep a currency sign, a per cent sign, an abbreviation's dot. */
  function trim(chunk) {
    var chars = Array.from(chunk);
    var start = 0;
    var end = chars.length;
    while (start < end && !(isWordChar(chars[start]) || CURRENCY.test(chars[start]))) start += 1;
    while (end > start && !(isWordChar(chars[end - 1]) || chars[end - 1] === "%")) end -= 1;
    var core = chars.slice(start, end).join("");
    if (end < chars.length && chars[end] === "." && isAbbreviation(core)) core += ".";
    return chars.slice(start, end).some(isWordChar) ? core : "";
  }

  /* Without accents and other combining marks: "café" -> "cafe". */
  function withoutMarks(word) {
    return word.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC");
  }

  function unique(list) {
    return list.filter(function (item, i) { return list.indexOf(item) === i; });
  }

  function wordVariants(word) {
    if (!word) return [];
    var found = [word];
    var bare = word.replace(/^\p{Sc}+/u, "");
    if (bare.endsWith("%")) bare = bare.slice(0, -1);
    var number = NUMBER.exec(bare);
    var unit = number ? bare.slice(number[0].length) : "";
    if (isAbbreviation(word.endsWith(".") ? word.slice(0, -1) : word)) {
      found.push(word.split(".").join(""));
    } else if (number && (!unit || LETTERS.test(unit))) {
      found.push(bare, number[0], number[0].replace(DIGIT_GROUPS, "$1"));
    } else if (word.endsWith("'s") && word.length > 2) {
      found.push(word.slice(0, -2));
    }
    return unique(found.concat(found.map(withoutMarks)));
  }

  /* The tokens of one chunk between separators: the word, its variants, then its parts'. */
  function chunkTokens(chunk) {
    var found = wordVariants(trim(chunk));
    var parts = found.length ? found[0].split(HYPHENS) : [];
    if (parts.length > 1) {
      parts.forEach(function (part) {
        wordVariants(trim(part)).forEach(function (token) {
          if (found.indexOf(token) < 0) found.push(token);
        });
      });
    }
    return found;
  }

  /* One list of tokens per word of TEXT (the word first, then its variants). */
  function words(text) {
    return normalise(text).split(SEPARATORS).map(chunkTokens).filter(function (list) { return list.length; });
  }

  function tokens(text) {
    return [].concat.apply([], words(text));
  }

  var api = { tokens: tokens, words: words, normalise: normalise };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined" || typeof lunr === "undefined") return;

  /* ---- in the page ----
   * The index comes in pieces (generator/search/shards.py): a manifest, shards of terms
   * (with what the results of each term's best articles and of the entities its names show, and
   * the whole posting list of a term in few enough articles), tails of long posting lists,
   * one file per article (what its result and its story's other versions show, and its weights
   * for every term that has a tail), entity files, and the refs of each source and story. A
   * query loads the shards of its terms, then tails and articles until no article
   * it has not fully scored could rank among those shown (the threshold algorithm), and
   * lunr.js ranks what it loaded: the same scores, in the same order, as one whole index. */

  var FORMAT = 5; /* the layout of search/ this reads: generator/search/index.py FORMAT */
  var PAGE = 10;
  var FETCH_BATCH = 12;
  var FILE_ROUNDS = 3;
  var ROW_BYTES = 6;    /* about what a row of a tail costs, gzipped */
  var DOC_BYTES = 1500; /* about what an article's file costs, gzipped */
  var MEMBER_BYTES = 2; /* about what an article costs in a list of members, gzipped */
  var MEMBERS_AT_ONCE = 60000;
  var SMALL_FILTER = 60;
  var EPSILON = 1e-9;

  /* COMPUTE(key), remembered for up to LIMIT keys at a time. */
  function remembered(compute, limit) {
    var known = new Map();
    return function (key) {
      var value = known.get(key);
      if (value === undefined) {
        value = compute(key);
        if (known.size >= limit) known.clear();
        known.set(key, value);
      }
      return value;
    };
  }

  /* the stemmer's regular expressions cost more than a lookup */
  var stem = remembered(function (token) { return lunr.stemmer(new lunr.Token(token)).toString(); }, 100000);

  function isStopWord(token) { return !lunr.stopWordFilter(new lunr.Token(token)); }

  /* What each query word accepts: the stems of its forms, and (for the last word, still being
   * typed) a prefix. A compound's parts are searched too but not required: "seven-day" must
   * match seven-day, not any "day". */
  function parseQuery(text) {
    var list = words(text);
    return list.map(function (variants, i) {
      var kept = wordVariants(variants[0]).filter(function (token) { return !isStopWord(token); });
      return {
        variants: variants,
        stems: kept.map(stem),
        prefix: i === list.length - 1 && Array.from(variants[0]).length >= MIN_PREFIX ? variants[0] : "",
        required: kept.length > 0
      };
    });
  }

  function accepts(word, term) {
    return word.stems.indexOf(term) >= 0 || (word.prefix !== "" && term.indexOf(word.prefix) === 0);
  }

  /* lunr.js query clauses: every form of every word, and the last word as a prefix. */
  function clauses(query) {
    var list = [];
    query.forEach(function (word) {
      termClauses(word.variants, list);
      if (word.prefix) list.push({ prefix: word.prefix, boost: 0.5 });
    });
    return list;
  }

  /* Into LIST, a clause for every form (VARIANTS) of one word that is not a stop word. */
  function termClauses(variants, list) {
    variants.forEach(function (token) {
      if (!isStopWord(token)) list.push({ term: stem(token), boost: 1 });
    });
  }

  /* The shards of the words of TEXT that are typed whole (a separator follows them), fetched at
   * once, not after the pause that runs the search: while the reader types the next word, or
   * presses Enter, they are on their way. The word being typed is left: its shards would be
   * those of a word it may not become. A failed fetch is forgotten (Store.get): a later search asks again. */
  function prefetch(store, text) {
    var list = [];
    normalise(text).split(SEPARATORS).slice(0, -1).forEach(function (chunk) { termClauses(chunkTokens(chunk), list); });
    if (list.length) store.loadTerms(list).catch(function () {});
  }

  /* ---- the pieces of the index ---- */

  function Store(base, manifest) {
    this.base = base;
    this.manifest = manifest;
    this.files = new Map();
    this.terms = new Map();
    this.docs = new Map();
    this.shown = new Map(); /* ref -> what its result shows, from a shard or the article's file */
    this.entities = new Map(); /* rank -> what an entity's result shows, from a shard or its bucket */
    this.continues = Uint8Array.from(atob(manifest.continues), function (c) { return c.charCodeAt(0); });
  }

  Store.prototype.get = function (path) {
    var base = this.base;
    if (!this.files.has(path)) {
      var files = this.files;
      files.set(path, fetch(base + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": HTTP " + response.status);
        return response.json();
      }).catch(function (error) {
        files.delete(path); /* a later search asks again */
        throw error;
      }));
    }
    return this.files.get(path);
  };

  /* Rows of a flat posting list: ref, field mask, one weight (x1000) per field in the mask. */
  function decode(flat, fieldCount, each) {
    var i = 0;
    while (i < flat.length) {
      var ref = flat[i];
      i = readRow(flat, i + 1, fieldCount, function (row) { each(ref, row); });
    }
  }

  /* The row whose mask is at FLAT[I], to EACH; where the next row starts. */
  function readRow(flat, i, fieldCount, each) {
    var end = rowEnd(flat, i, fieldCount);
    each({ mask: flat[i], weights: flat.slice(i + 1, end), impact: sum(flat, i + 1, end) });
    return end;
  }

  /* Where the row whose mask is at FLAT[I] ends: its mask, then a weight per field in the mask. */
  function rowEnd(flat, i, fieldCount) {
    var mask = flat[i];
    i += 1;
    for (var f = 0; f < fieldCount; f += 1) if (mask & (1 << f)) i += 1;
    return i;
  }

  function sum(flat, from, to) {
    var total = 0;
    for (var i = from; i < to; i += 1) total += flat[i];
    return total;
  }

  /* A term's rows by ref: those loaded one by one (head, tails) and, for a term that came whole in
   * its shard, its flat list (each ref a difference from the one before), read where asked: a
   * query of six words needs a few hundred rows of their twenty thousand. */
  function Rows(fieldCount) {
    this.map = new Map();
    this.fieldCount = fieldCount;
    this.whole = null;
    this.refs = null; /* of the whole list, in order, and where each one's mask is */
    this.at = null;
  }

  Rows.prototype.set = function (ref, row) { this.map.set(ref, row); };

  Rows.prototype.index = function () {
    if (!this.whole || this.refs) return;
    var flat = this.whole, refs = [], at = [], last = 0, i = 0;
    while (i < flat.length) {
      last += flat[i];
      refs.push(last);
      at.push(i + 1);
      i = rowEnd(flat, i + 1, this.fieldCount);
    }
    this.refs = refs;
    this.at = at;
  };

  /* Where REF is among the whole list's refs (-1: not there). */
  Rows.prototype.find = function (ref) {
    this.index();
    var lo = 0, hi = this.refs ? this.refs.length - 1 : -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (this.refs[mid] === ref) return mid;
      if (this.refs[mid] < ref) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  };

  Rows.prototype.get = function (ref) {
    var row = this.map.get(ref);
    if (row || !this.whole) return row;
    var n = this.find(ref);
    if (n < 0) return undefined;
    readRow(this.whole, this.at[n], this.fieldCount, function (one) { row = one; });
    this.map.set(ref, row);
    return row;
  };

  /* REF's weight (its row's, summed over fields), or undefined; without making the row. */
  Rows.prototype.impact = function (ref) {
    var row = this.map.get(ref);
    if (row) return row.impact;
    var n = this.whole ? this.find(ref) : -1;
    if (n < 0) return undefined;
    var i = this.at[n];
    return sum(this.whole, i + 1, rowEnd(this.whole, i, this.fieldCount));
  };

  /* Each ref and its weight, in no set order: the whole list read straight through, no search. */
  Rows.prototype.eachImpact = function (each) {
    if (!this.whole) {
      this.map.forEach(function (row, ref) { each(ref, row.impact); });
      return;
    }
    var flat = this.whole, last = 0, i = 0;
    while (i < flat.length) {
      last += flat[i];
      var end = rowEnd(flat, i + 1, this.fieldCount);
      each(last, sum(flat, i + 2, end));
      i = end;
    }
  };

  Rows.prototype.has = function (ref) { return this.map.has(ref) || (this.whole !== null && this.find(ref) >= 0); };

  Rows.prototype.count = function () {
    this.index();
    return this.refs ? this.refs.length : this.map.size;
  };

  Rows.prototype.eachRef = function (each) {
    this.index();
    if (this.refs) this.refs.forEach(function (ref) { each(ref); });
    else this.map.forEach(function (row, ref) { each(ref); });
  };

  Store.prototype.shardOf = function (term) {
    var firsts = this.manifest.shards;
    var lo = 0, hi = firsts.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };

  Store.prototype.loadShard = function (n) {
    var store = this;
    var fields = this.manifest.fields.length;
    return this.get("search/t/" + n + ".json").then(function (entries) {
      entries.forEach(function (entry) {
        if (store.terms.has(entry[0])) return;
        /* index: the term's number if it has tails (its tails, members, and rows in articles'
         * files go by it), else -1; slot: its place in the vectors of the lunr index made here */
        var term = { term: entry[0], index: entry[1], df: entry[2], rows: new Rows(fields), next: entry[4],
                     slot: store.terms.size, tails: entry[5], requests: [], got: [], arrived: 0,
                     entities: entry[6], members: null };
        var refs = [];
        decode(entry[3], fields, function (ref, row) { term.rows.set(ref, row); refs.push(ref); });
        entry[7].forEach(function (doc, i) { store.shown.set(refs[i], doc); });
        /* and those of the best articles for the names whose rarest word it is (named.py) */
        entry[10].forEach(function (pair) { store.shown.set(pair[0], pair[1]); });
        entry[9].forEach(function (record, i) { store.entities.set(entry[6][i], record); });
        /* a term in few enough articles comes whole: every row, and no tails */
        if (entry[8].length) term.rows.whole = entry[8];
        store.terms.set(term.term, term);
      });
    });
  };

  /* The shards holding every clause's term, or its prefix's range of terms. */
  Store.prototype.loadTerms = function (list) {
    var store = this;
    var wanted = new Set();
    list.forEach(function (clause) {
      if (!store.manifest.shards.length) return;
      if (clause.term !== undefined) wanted.add(store.shardOf(clause.term));
      else for (var n = store.shardOf(clause.prefix); n <= store.shardOf(clause.prefix + "\uffff"); n += 1) wanted.add(n);
    });
    return Promise.all(Array.from(wanted).map(function (n) { return store.loadShard(n); }));
  };

  /* Tail N of TERM, fetched once. A term counts as exhausted only when all its tails have
   * arrived (term.arrived), never when they are merely asked for: a search running meanwhile
   * must not take rows in flight for rows that do not exist. A tail that fails to load is
   * forgotten, so that a later search asks for it again. */
  Store.prototype.loadChunk = function (term, n) {
    var fields = this.manifest.fields.length;
    var path = "search/tail/" + term.index + "/" + n + ".json";
    if (!term.requests[n]) {
      term.requests[n] = this.get(path).then(function (chunk) {
        decode(chunk.p, fields, function (ref, row) { term.rows.set(ref, row); });
        term.got[n] = chunk.next;
        while (term.arrived < term.tails && term.got[term.arrived] !== undefined) {
          term.next = term.got[term.arrived];
          term.arrived += 1;
        }
      }, function (error) {
        delete term.requests[n];
        throw error;
      });
    }
    return term.requests[n];
  };

  /* The first tail of TERM not asked for yet; if all are, the first that has not arrived. */
  Store.prototype.loadTail = function (term) {
    var n = term.arrived;
    while (n < term.tails && term.requests[n]) n += 1;
    return this.loadChunk(term, n < term.tails ? n : term.arrived);
  };

  /* Every tail of TERM that has not arrived, all at once. */
  Store.prototype.loadAllTails = function (term) {
    var all = [];
    for (var n = term.arrived; n < term.tails; n += 1) all.push(this.loadChunk(term, n));
    return Promise.all(all);
  };

  /* What the result of REF shows: from the shard of a term it is among the best of, or its file. */
  Store.prototype.loadShown = function (ref) {
    return this.shown.has(ref) ? Promise.resolve(this.shown.get(ref)) :
      this.loadDoc(ref).then(function (known) { return known.doc; });
  };

  /* The first ref of REF's story (REF, for an article in no story): the manifest marks each ref
   * that continues the story of the one before. */
  Store.prototype.storyStart = function (ref) {
    while (ref > 0 && (this.continues[ref >> 3] >> (ref & 7)) & 1) ref -= 1;
    return ref;
  };

  /* What the results of REFS show, in order. An article's file holds what the other versions of
   * its story show: one file is fetched a story, all at once (each fetch costs milliseconds, even
   * at once), then those of any ref it did not cover (a story of more versions than a file holds). */
  Store.prototype.loadShownAll = function (refs) {
    var store = this;
    var wanted = new Map(); /* story's first ref -> the ref whose file to fetch */
    refs.forEach(function (ref) {
      var story = store.storyStart(ref);
      if (!store.shown.has(ref) && !wanted.has(story)) wanted.set(story, ref);
    });
    return Promise.all(Array.from(wanted.values()).map(function (ref) { return store.loadDoc(ref); })).then(function () {
      return Promise.all(refs.map(function (ref) { return store.loadShown(ref); }));
    });
  };

  /* Every article that has TERM (a term with tails) and its weight for it, in steps of
   * term.step (q: the weight is at least q x step and less than (q + 1) x step); once. */
  Store.prototype.loadMembers = function (term) {
    return this.get("search/m/" + term.index + ".json").then(function (list) {
      if (term.members) return;
      var refs = undelta(list.r);
      term.step = list.s;
      term.members = new Map(refs.map(function (ref, i) { return [ref, list.q[i]]; }));
    });
  };

  /* An article's file: what its result and its story's other versions show ("w"), and its rows of
   * every term with a tail. */
  Store.prototype.loadDoc = function (ref) {
    var store = this;
    var path = "search/d/" + Math.floor(ref / this.manifest.doc_bucket) + "/" + ref + ".json";
    return this.get(path).then(function (doc) {
      if (!store.docs.has(ref)) {
        var vector = new Map(); /* rows as in a posting list, keyed by the term's number instead of ref */
        decode(doc.v, store.manifest.fields.length, function (index, row) { vector.set(index, row); });
        store.docs.set(ref, { doc: doc, vector: vector });
        store.shown.set(ref, doc);
        doc.w.forEach(function (other) { if (!store.shown.has(other[0])) store.shown.set(other[0], other[1]); });
      }
      return store.docs.get(ref);
    });
  };

  /* ---- ranking ---- */

  /* The index terms each clause reaches, with lunr's query-vector weight (boost / |query|). */
  function expand(store, list) {
    var boosts = new Map();
    list.forEach(function (clause) {
      var reached = [];
      if (clause.term !== undefined) {
        var one = store.terms.get(clause.term);
        if (one && one.df > 0) reached.push(one);
      } else {
        store.terms.forEach(function (term) {
          if (term.df > 0 && term.term.indexOf(clause.prefix) === 0) reached.push(term);
        });
      }
      reached.forEach(function (term) { boosts.set(term, (boosts.get(term) || 0) + clause.boost); });
    });
    var norm = Math.sqrt(Array.from(boosts.values()).reduce(function (a, b) { return a + b * b; }, 0));
    return Array.from(boosts.keys()).map(function (term) { return { term: term, c: boosts.get(term) / norm }; });
  }

  function exhausted(term) { return term.arrived >= term.tails; }

  /* Whether every article that has TERM is known: all its rows, or the list of its members. */
  function complete(term) { return exhausted(term) || term.members !== null; }

  /* REF's row of TERM: a row, null (it lacks the term) or undefined (not known yet). */
  function rowOf(store, term, ref) {
    var row = term.rows.get(ref);
    if (row) return row;
    var known = store.docs.get(ref);
    if (known) return known.vector.get(term.index) || null;
    return exhausted(term) || (term.members && !term.members.has(ref)) ? null : undefined;
  }

  /* REF's weight for TERM, into SPAN (low and high: what it may be, equal when known): 2 (it has
   * the term), 1 (not known yet: a row not loaded weighs at most term.next) or 0 (it lacks it). */
  function weightOf(store, term, ref, span) {
    var impact = term.rows.impact(ref);
    if (impact === undefined) {
      var known = store.docs.get(ref);
      if (known) {
        var row = known.vector.get(term.index);
        impact = row ? row.impact : null;
      } else if (exhausted(term) || (term.members && !term.members.has(ref))) impact = null;
    }
    if (impact === null) return 0;
    if (impact !== undefined) {
      span.low = span.high = impact;
    } else if (!term.members) {
      span.low = 0;
      span.high = term.next;
      return 1;
    } else {
      var q = term.members.get(ref);
      span.low = q * term.step;
      span.high = Math.min((q + 1) * term.step - 1, term.next);
    }
    return 2;
  }

  var STATES = ["no", "maybe", "yes"];

  /* Bounds on REF's score: low (what is known), high (what it may reach); complete when equal
   * by knowledge, and whether it has (or may have) every word the mode asks for (each word: the
   * places in REACH of the terms that match it). Called for thousands of articles a query. */
  function bounds(store, reach, words, ref, mode) {
    var low = 0, high = 0, complete = true, any = 0, span = { low: 0, high: 0 };
    var states = new Array(reach.length);
    for (var k = 0; k < reach.length; k += 1) {
      var state = weightOf(store, reach[k].term, ref, span);
      states[k] = state;
      any = Math.max(any, state);
      if (state === 0) continue;
      complete = complete && state === 2 && span.low === span.high;
      low += reach[k].c * span.low;
      high += reach[k].c * span.high;
    }
    var all = 2; /* the word it is least sure to have */
    for (var w = 0; w < words.length; w += 1) {
      var best = 0;
      for (var j = 0; j < words[w].at.length; j += 1) best = Math.max(best, states[words[w].at[j]]);
      all = Math.min(all, best);
    }
    if (mode === "any" || !words.length) all = any === 2 ? 2 : complete ? 0 : 1;
    return { ref: ref, low: low, high: high, complete: complete, state: STATES[all] };
  }

  function byScore(a, b) {
    return b.low - a.low > EPSILON ? 1 : a.low - b.low > EPSILON ? -1 : a.ref - b.ref;
  }

  /* The first N of LIST in the order of COMPARE, in order (a sort of thousands of articles, to
   * show ten, costs milliseconds): each one is placed among the N kept if it comes before the last. */
  function bestOf(list, n, compare) {
    var kept = [];
    list.forEach(function (one) {
      if (kept.length === n && compare(one, kept[n - 1]) >= 0) return;
      var lo = 0, hi = kept.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (compare(kept[mid], one) <= 0) lo = mid + 1; else hi = mid;
      }
      kept.splice(lo, 0, one);
      if (kept.length > n) kept.pop();
    });
    return kept;
  }

  /* The WANT best articles for the query, in MODE "all" (every required word) or "any";
   * ALLOWED: the refs a filter lets through (null: all). Loads what it needs. */
  async function rank(store, reach, words, mode, want, allowed) {
    var known = knownRank(store, reach, words, mode, want, allowed);
    if (known) return known;
    for (;;) {
      var pool = mode === "all" ? knownCandidates(words) : anyCandidates(reach);
      var seen = pool;
      if (!seen) {
        seen = new Set();
        reach.forEach(function (one) { one.term.rows.eachRef(function (ref) { seen.add(ref); }); });
        store.docs.forEach(function (known, ref) { seen.add(ref); });
        if (allowed && allowed.size <= SMALL_FILTER) allowed.forEach(function (ref) { seen.add(ref); });
      }
      var found = [], open = [], matching = 0;
      seen.forEach(function (ref) {
        if (allowed && !allowed.has(ref)) return;
        var one = bounds(store, reach, words, ref, mode);
        if (one.state === "yes") matching += 1;
        if (one.complete && one.state === "yes") found.push(one);
        else if (!one.complete && one.state !== "no") open.push(one);
      });
      var settled = found.length;
      found = bestOf(found, want, byScore);
      var bar = found.length >= want ? found[want - 1].low - EPSILON : -Infinity;
      var last = found.length >= want ? found[want - 1] : null;
      open = open.filter(function (one) {
        return !last || one.high > last.low + EPSILON || (one.high >= bar && one.ref < last.ref);
      });
      open.sort(function (a, b) { return b.high - a.high || a.ref - b.ref; });
      var live = reach.filter(function (one) { return !exhausted(one.term); });
      var unseenHigh = live.reduce(function (sum, one) { return sum + one.c * one.term.next; }, 0);
      /* With one term, rows come best first and by ref among equals: an article not loaded yet
       * that scores as much as the last one shown, if that one came from the term's rows, still
       * comes after it. */
      var tieSafe = reach.length === 1 && found.length >= want && reach[0].term.rows.has(found[want - 1].ref);
      var unseenBar = tieSafe ? found[want - 1].low + EPSILON : bar;
      var unseen = live.length > 0 && unseenHigh >= unseenBar &&
        !(allowed && allowed.size <= SMALL_FILTER) &&
        ((mode === "any" && !pool) || mode === "all" && words.every(function (word) {
          return word.terms.some(function (term) { return !complete(term); });
        }));
      if (!open.length && !unseen) {
        /* every article with every word is known once every word's members are */
        var counted = pool !== null && mode === "all" && words.every(function (word) { return word.terms.every(complete); });
        return { found: found, total: counted ? matching : settled, exact: counted || live.length === 0 };
      }
      await Promise.all(nextLoads(store, reach, words, mode,
                                  { pool: pool, found: found, open: open, live: live, unseen: unseen }));
    }
  }

  /* rank() when every term's rows are all loaded (at 10,000 articles, most queries: their words
   * come whole in their shards): each list read once into scores by ref, where bounds() would
   * search every list for each of thousands of articles. The same sums, in the same order of
   * terms, so the same scores; null when some rows are not loaded (or past 31 words). */
  function knownRank(store, reach, words, mode, want, allowed) {
    if (words.length > 31 || !reach.every(function (one) { return exhausted(one.term); })) return null;
    var docs = store.manifest.docs;
    var score = new Float64Array(docs), has = new Int32Array(docs), seen = new Uint8Array(docs), touched = [];
    var strange = false; /* a ref past the manifest's count: files of two builds; the loop copes */
    reach.forEach(function (one, k) {
      var bits = 0;
      words.forEach(function (word, w) { if (word.at.indexOf(k) >= 0) bits |= 1 << w; });
      one.term.rows.eachImpact(function (ref, impact) {
        if (ref >= docs) { strange = true; return; }
        if (!seen[ref]) { seen[ref] = 1; touched.push(ref); }
        score[ref] += one.c * impact;
        has[ref] |= bits;
      });
    });
    if (strange) return null;
    var every = words.length ? (words.length === 31 ? 0x7fffffff : (1 << words.length) - 1) : 0;
    var found = [];
    touched.forEach(function (ref) {
      if (allowed && !allowed.has(ref)) return;
      if (mode === "all" && (has[ref] & every) !== every) return;
      found.push({ ref: ref, low: score[ref], high: score[ref], complete: true, state: "yes" });
    });
    return { found: bestOf(found, want, byScore), total: found.length, exact: true };
  }

  /* What to load next when the best articles are not settled (STATE: the candidates known,
   * found and still open, the live terms, whether unseen articles may rank), cheapest first:
   * lists of members, the next rows of terms, a whole list, or the articles' files. */
  function nextLoads(store, reach, words, mode, state) {
    var pool = state.pool, found = state.found, open = state.open, live = state.live, unseen = state.unseen;
    /* An article with every word is among the members of each: the list of a word's members
     * costs a byte or two an article and rules out every article it lacks, where an
     * article's own file costs a thousand times more. Loaded when they cost less than the
     * articles' files they spare: the rarest word's first, and with it as many others as fit
     * in MEMBERS_AT_ONCE bytes (a round trip each would cost more). */
    var spared = (open.length + (unseen ? FETCH_BATCH : 0)) * DOC_BYTES;
    var lacking = mode === "all" ? membersToLoad(words, spared) : [];
    if (!lacking.length && (pool || mode === "any")) lacking = optionalMembers(reach, spared);
    if (lacking.length) return lacking.map(function (term) { return store.loadMembers(term); });
    /* What the articles' files would cost: each round of them raises the bar and rules out
     * most of the rest, so a few rounds at most. */
    var filesCost = Math.min(open.length, FILE_ROUNDS * FETCH_BATCH) * DOC_BYTES;
    /* Among known candidates, too many to fetch one by one: the next rows of every term whose
     * weights are not all known, which tightens every bound at once, if they cost less. */
    var unsure = live.filter(function (one) { return !complete(one.term); });
    var nextRows = unsure.reduce(function (sum, one) {
      return sum + Math.min(one.term.df - one.term.rows.count(), 3 * one.term.rows.count() + 1);
    }, 0);
    if (pool && open.length > FETCH_BATCH && unsure.length && nextRows * ROW_BYTES < filesCost) {
      return unsure.map(function (one) { return store.loadTail(one.term); });
    }
    /* One word: reading the whole of its list, if that costs less than the articles' files. */
    var rarest = mode === "all" ? rarestWord(words, complete) : null;
    if (rarest && rarest.rows * ROW_BYTES < filesCost) {
      return rarest.terms.map(function (term) { return store.loadAllTails(term); });
    }
    /* The files of the articles that may score best, found or not: those not settled, to settle
     * them; those settled, for what their results show (most of them will be shown). */
    var best = found.concat(open).filter(function (one) { return !one.complete || !store.shown.has(one.ref); })
      .sort(function (a, b) { return b.high - a.high || a.ref - b.ref; })
      .slice(0, FETCH_BATCH);
    if (!best.some(function (one) { return !one.complete; })) best.push(open[0]);
    best = best.filter(Boolean);
    var tasks = best.filter(function (one) { return !one.complete; }).map(function (one) { return store.loadDoc(one.ref); });
    var settled = best.filter(function (one) { return one.complete; }).map(function (one) { return one.ref; });
    if (settled.length) tasks.push(store.loadShownAll(settled));
    if (unseen) {
      live.sort(function (a, b) { return b.c * b.term.next - a.c * a.term.next; });
      tasks.push(store.loadTail(live[0].term));
    }
    return tasks;
  }

  /* In "any" mode, once every term's articles are known: all of them (null: not yet). */
  function anyCandidates(reach) {
    var terms = reach.map(function (one) { return one.term; });
    return terms.every(complete) ? articlesOf(terms) : null;
  }

  /* Every article known to have one of TERMS (each complete): its members, or all its rows. */
  function articlesOf(terms) {
    var refs = new Set();
    terms.forEach(function (term) {
      if (term.members) term.members.forEach(function (value, ref) { refs.add(ref); });
      else term.rows.eachRef(function (ref) { refs.add(ref); });
    });
    return refs;
  }

  /* Every article that may have every word, when one word's articles are all known: those
   * of the word that has fewest (null: no word's articles are all known). */
  function knownCandidates(words) {
    var best = null;
    words.forEach(function (word) {
      if (!word.terms.every(complete)) return;
      var size = word.terms.reduce(function (sum, term) {
        return sum + (term.members ? term.members.size : term.rows.count());
      }, 0);
      if (!best || size < best.size) best = { terms: word.terms, size: size };
    });
    return best && articlesOf(best.terms);
  }

  /* The terms whose members to load: the rarest word's, if they cost less than BUDGET bytes,
   * and the next rarest words' while all cost less than BUDGET and at most MEMBERS_AT_ONCE. */
  function membersToLoad(words, budget) {
    var left = words.map(function (word) {
      var terms = word.terms.filter(function (term) { return !complete(term); });
      var rows = terms.reduce(function (sum, term) { return sum + term.df; }, 0);
      return { terms: terms, bytes: rows * MEMBER_BYTES };
    }).filter(function (word) { return word.terms.length; });
    left.sort(function (a, b) { return a.bytes - b.bytes; });
    if (!left.length || left[0].bytes >= budget) return [];
    var terms = left[0].terms.slice(), bytes = left[0].bytes;
    for (var i = 1; i < left.length && bytes + left[i].bytes < Math.min(budget, MEMBERS_AT_ONCE + 1); i += 1) {
      bytes += left[i].bytes;
      terms = terms.concat(left[i].terms);
    }
    return terms;
  }

  /* Once the candidates are known, the members of the terms they may still have (the parts of
   * a compound, the words a prefix reaches) that are not known yet, if they cost less than
   * BUDGET and at most MEMBERS_AT_ONCE bytes: every bound is then exact. */
  function optionalMembers(reach, budget) {
    var terms = reach.map(function (one) { return one.term; }).filter(function (term) { return !complete(term); });
    var bytes = terms.reduce(function (sum, term) { return sum + term.df * MEMBER_BYTES; }, 0);
    return terms.length && bytes < budget && bytes <= MEMBERS_AT_ONCE ? terms : [];
  }

  /* The required word with the fewest rows left whose terms are not all DONE, and those terms
   * (null: every word's are). */
  function rarestWord(words, done) {
    var best = null;
    words.forEach(function (word) {
      var terms = word.terms.filter(function (term) { return !done(term); });
      if (!terms.length) return;
      var rows = terms.reduce(function (sum, term) { return sum + term.df - term.rows.count(); }, 0);
      if (!best || rows < best.rows) best = { terms: terms, rows: rows };
    });
    return best;
  }

  /* lunr.js over what was loaded for the articles FOUND: the scores one whole index gives. */
  function lunrRank(store, reach, list, found) {
    var fields = store.manifest.fields;
    var refs = new Set(found.map(function (one) { return one.ref; }));
    var vectors = new Map();
    var inverted = reach.map(function (one) {
      var posting = { _index: one.term.slot };
      fields.forEach(function (field) { posting[field] = {}; });
      refs.forEach(function (ref) {
        var row = rowOf(store, one.term, ref);
        if (!row) return;
        var w = 0;
        fields.forEach(function (field, f) {
          if (!(row.mask & (1 << f))) return;
          posting[field][ref] = {};
          var key = field + "/" + ref;
          if (!vectors.has(key)) vectors.set(key, []);
          vectors.get(key).push([one.term.slot, row.weights[w++] / 1000]);
        });
      });
      return [one.term.term, posting];
    });
    inverted.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    var fieldVectors = Array.from(vectors.keys()).sort().map(function (key) {
      var pairs = vectors.get(key).sort(function (a, b) { return a[0] - b[0]; });
      return [key, [].concat.apply([], pairs)];
    });
    var index = lunr.Index.load({ version: lunr.version, fields: fields, fieldVectors: fieldVectors,
                                  invertedIndex: inverted, pipeline: ["stemmer"] });
    var results = index.query(function (q) {
      list.forEach(function (clause) {
        if (clause.term !== undefined) q.term(clause.term, { usePipeline: false, boost: clause.boost });
        else q.term(clause.prefix, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: clause.boost });
      });
    });
    results.forEach(function (result) { result.ref = Number(result.ref); });
    return results.sort(function (a, b) {
      return b.score - a.score > EPSILON ? 1 : a.score - b.score > EPSILON ? -1 : a.ref - b.ref;
    });
  }

  /* The query's best articles: those with every word if any article has them all, else those
   * with some. FILTER: {source, story} (indexes, or null). */
  async function searchArticles(store, query, filter, want) {
    var list = clauses(query);
    if (!list.length) return { results: [], total: 0, exact: true, partial: false };
    await store.loadTerms(list);
    var reach = expand(store, list);
    if (!reach.length) return { results: [], total: 0, exact: true, partial: false }; /* no term in the index */
    var words = query.filter(function (word) { return word.required; }).map(function (word) {
      var at = []; /* the places in REACH of the terms that match the word */
      reach.forEach(function (one, k) { if (accepts(word, one.term.term)) at.push(k); });
      return { terms: at.map(function (k) { return reach[k].term; }), at: at };
    });
    var allowed = await filterRefs(store, filter);
    if (allowed && allowed.size <= SMALL_FILTER) {
      await Promise.all(Array.from(allowed).map(function (ref) { return store.loadDoc(ref); }));
    }
    var ranked = await rank(store, reach, words, "all", want, allowed);
    var partial = false;
    if (!ranked.found.length) {
      ranked = await rank(store, reach, words, "any", want, allowed);
      partial = ranked.found.length > 0;
    }
    var top = ranked.found.slice(0, want);
    /* lunr.js needs each field's weight: an article scored by the members' sums needs its file */
    await Promise.all(top.filter(function (one) {
      return reach.some(function (r) { return rowOf(store, r.term, one.ref) === undefined; });
    }).map(function (one) { return store.loadDoc(one.ref); }));
    return { results: lunrRank(store, reach, list, top), total: ranked.total, exact: ranked.exact, partial: partial };
  }

  function filterRefs(store, filter) {
    var lists = [];
    if (filter.source !== null) lists.push(store.get("search/s/" + filter.source + ".json").then(undelta));
    if (filter.story !== null) lists.push(store.get("search/st/" + filter.story + ".json"));
    if (!lists.length) return Promise.resolve(null);
    return Promise.all(lists).then(function (loaded) {
      return loaded.slice(1).reduce(function (set, refs) {
        var other = new Set(refs);
        return new Set(Array.from(set).filter(function (ref) { return other.has(ref); }));
      }, new Set(loaded[0]));
    });
  }

  function undelta(list) {
    var last = 0;
    return list.map(function (step) { last += step; return last; });
  }

  /* ---- entities ---- */

  function matchesTokens(query, tokenList) {
    var stems = tokenList.map(stem);
    return query.every(function (word) {
      return !word.required || stems.some(function (term) { return accepts(word, term); }) ||
        tokenList.some(function (token) { return accepts(word, token); });
    });
  }

  /* Ranks of the entities that have every required word in their names: by whole word first. */
  function entityRanks(store, query, exactOnly) {
    var sets = query.filter(function (word) { return word.required; }).map(function (word) {
      var found = new Set();
      store.terms.forEach(function (term) {
        var hit = exactOnly ? word.stems.indexOf(term.term) >= 0 : accepts(word, term.term);
        if (hit) term.entities.forEach(function (rank) { found.add(rank); });
      });
      return found;
    });
    if (!sets.length) return [];
    return Array.from(sets[0]).filter(function (rank) {
      return sets.every(function (set) { return set.has(rank); });
    }).sort(function (a, b) { return a - b; });
  }

  /* Entities a name of which has every query word, whole-word matches first (`exact`). */
  async function searchEntities(store, query, type) {
    var exact = entityRanks(store, query, true);
    var byPrefix = entityRanks(store, query, false).filter(function (rank) { return exact.indexOf(rank) < 0; });
    var wanted = exact.map(function (rank) { return { rank: rank, exact: true }; })
      .concat(byPrefix.map(function (rank) { return { rank: rank, exact: false }; })).slice(0, 4 * ENTITIES_SHOWN);
    var size = store.manifest.entity_bucket;
    var records = await Promise.all(wanted.map(function (one) {
      if (store.entities.has(one.rank)) return store.entities.get(one.rank);
      return store.get("search/e/" + Math.floor(one.rank / size) + ".json").then(function (bucket) {
        return bucket[one.rank % size];
      });
    }));
    var whole = query.map(function (word) { return Object.assign({}, word, { prefix: "" }); });
    return wanted.map(function (one, i) {
      var entity = records[i];
      var names = [entity.name].concat(entity.aliases);
      var tokenLists = names.map(tokens);
      var ok = tokenLists.some(function (list) { return matchesTokens(one.exact ? whole : query, list); });
      var oneWord = names.filter(function (name) { return words(name).length === 1; }).map(tokens);
      return ok && (!type || entity.type === type) ? { entity: entity, oneWordNames: oneWord, exact: one.exact } : null;
    }).filter(Boolean).slice(0, ENTITIES_SHOWN);
  }

  /* A pseudo query word for passages and highlights: any one-word name of an entity the query
   * names, so that "Hizbullah" marks the "Hezbollah" of the wire copy. (Each word of a longer
   * name would mark every "Old" and "Army".) */
  function namesWord(entities) {
    var stems = [];
    entities.forEach(function (one) {
      one.oneWordNames.forEach(function (tokenList) { stems = stems.concat(tokenList.map(stem)); });
    });
    return { variants: [], stems: unique(stems), prefix: "", required: stems.length > 0 };
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text, className) {
    var node = element("a", className, text);
    node.href = href;
    return node;
  }

  var CORE_START = /^[^\p{L}\p{N}\p{M}\p{Sc}]*/u;
  var CORE_END = /[^\p{L}\p{N}\p{M}%]*$/u;

  /* TEXT into NODE, with every word the query matched in <mark>. */
  function highlight(node, text, query) {
    var pieces = text.split(/([\s\u2012-\u2015\u2212/]+)/u);
    var plain = ""; /* text not marked yet: one text node, not one a word */
    pieces.forEach(function (piece, i) {
      var hit = i % 2 === 0 && piece && pieceTokens(piece).some(function (token) {
        return query.some(function (word) { return accepts(word, stem(token)) || accepts(word, token); });
      });
      if (!hit) {
        plain += piece;
        return;
      }
      var start = CORE_START.exec(piece)[0].length;
      var end = piece.length - CORE_END.exec(piece.slice(start))[0].length;
      if (piece[end] === "." && isAbbreviation(normalise(piece.slice(start, end)))) end += 1;
      var before = plain + piece.slice(0, start);
      if (before) node.appendChild(document.createTextNode(before));
      node.appendChild(element("mark", "", piece.slice(start, end)));
      plain = piece.slice(end);
    });
    if (plain) node.appendChild(document.createTextNode(plain));
  }

  /* The tokens of one piece of shown text, remembered: the same words recur in every result. */
  var pieceTokens = remembered(function (piece) { return chunkTokens(normalise(piece)); }, 50000);

  function entityItem(entity) {
    var item = element("li", "search-entity");
    item.appendChild(link(entity.url, entity.name, "search-entity-name"));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(element("span", "entity-type type-" + entity.type, entity.type));
    var about = entity.articles === 1 ? "1 article" : entity.articles + " articles";
    if (entity.aliases.length) about += " \u00b7 also " + entity.aliases.join(", ");
    item.appendChild(element("span", "search-meta", " " + about));
    return item;
  }

  /* An article's page: base + "articles/" + id + "/", as urls.article_path makes it (an id is a
   * slug: encoding its parts changes nothing, but keeps the address one whatever an id holds). */
  function articleUrl(base, doc) { return base + "articles/" + doc.id.split("/").map(encodeURIComponent).join("/") + "/"; }

  /* A result: title, source, date, story; its passage follows (showPassages). */
  function articleItem(doc, url, query) {
    var item = element("li", "search-result");
    var heading = link(url, "", "search-result-title");
    highlight(heading, doc.title, query);
    item.appendChild(heading);
    var meta = element("p", "search-meta");
    meta.textContent = [doc.source, doc.date].filter(Boolean).join(" \u00b7 ");
    if (doc.story) {
      meta.appendChild(document.createTextNode(meta.textContent ? " \u00b7 story: " : "story: "));
      meta.appendChild(link(doc.story_url, doc.story));
    }
    item.appendChild(meta);
    item.appendChild(element("p", "search-snippet"));
    return item;
  }

  /* How many query words a passage has (0: none). */
  function wordsMatched(text, query) {
    var found = tokens(text);
    var stems = found.map(stem);
    return query.filter(function (word) {
      return word.required && (stems.some(function (term) { return accepts(word, term); }) ||
        found.some(function (token) { return accepts(word, token); }));
    }).length;
  }

  /* The sentence of an article (its data/articles JSON) that has the most query words; if none has
   * any (the query matched its names, source or date), its first that begins after the title. */
  function bestPassage(record, query) {
    var title = record.title && record.text.indexOf(record.title) === 0 ? record.title.length : 0;
    var opening = record.sentences.filter(function (sentence) { return sentence.start >= title; })[0];
    var best = opening ? { id: opening.id, text: record.text.slice(opening.start, opening.end) } : null;
    var bestCount = 0;
    record.sentences.forEach(function (sentence) {
      var text = record.text.slice(sentence.start, sentence.end);
      var count = wordsMatched(text, query);
      if (count > bestCount) {
        best = { id: sentence.id, text: text };
        bestCount = count;
      }
    });
    return best;
  }

  function shorten(text) {
    return text.length <= PASSAGE_CHARS ? text : text.slice(0, PASSAGE_CHARS).replace(/\s+\S*$/u, "") + "\u2026";
  }

  /* Give each result its passage that matches the query, linked to it. The article's data file is
   * fetched once; a failed fetch leaves the result without one. Once all are settled, the results
   * say so (data-passages="done"): what a reader waits for last. */
  function showPassages(state, shown, query, generation) {
    var output = state.page.querySelector("#search-results");
    return Promise.allSettled(shown.map(function (entry) {
      var doc = entry.doc;
      if (!state.records.has(doc.id)) {
        var path = doc.id.split("/").map(encodeURIComponent).join("/");
        state.records.set(doc.id, fetch(state.base + "data/articles/" + path + ".json").then(function (response) {
          return response.ok ? response.json() : null;
        }).catch(function () { return null; }));
      }
      return state.records.get(doc.id).then(function (record) {
        var passage = record && Array.isArray(record.sentences) ? bestPassage(record, query) : null;
        if (!passage || generation !== state.generation) return;
        var snippet = entry.item.querySelector(".search-snippet");
        snippet.replaceChildren();
        var anchor = link(entry.url + "#" + encodeURIComponent(passage.id), "", "search-passage");
        highlight(anchor, shorten(passage.text), query);
        snippet.appendChild(anchor);
      });
    })).then(function () {
      if (generation === state.generation) output.setAttribute("data-passages", "done");
    });
  }

  function plural(count, one) { return count + " " + one + (count === 1 ? "" : "s"); }

  function section(title, list) {
    var part = element("section", "search-section");
    part.appendChild(element("h2", "", title));
    part.appendChild(list);
    return part;
  }

  /* The filters chosen in the page: source and story as indexes (or null), entity type. */
  function chosenFilter(page) {
    var value = function (id) { return page.querySelector(id).value; };
    return {
      source: value("#search-source") === "" ? null : Number(value("#search-source")),
      story: value("#search-story") === "" ? null : Number(value("#search-story")),
      type: value("#search-type")
    };
  }

  /* The story filter offers the stories of the results shown, and keeps the one chosen. */
  function offerStories(page, docs, chosen) {
    var select = page.querySelector("#search-story");
    var offered = new Map();
    if (chosen !== null) offered.set(chosen, select.selectedOptions[0] ? select.selectedOptions[0].textContent : "");
    docs.forEach(function (doc) { if (doc.st >= 0 && !offered.has(doc.st)) offered.set(doc.st, doc.story); });
    var first = select.options[0];
    select.replaceChildren(first);
    offered.forEach(function (title, st) {
      var option = element("option", "", title);
      option.value = String(st);
      select.appendChild(option);
    });
    select.value = chosen === null ? "" : String(chosen);
  }

  /* STATE: the page, the index store, the base path, the articles' data files fetched so far,
   * a count of searches run (to drop stale ones), how many results are wanted. */
  async function render(state, text, started) {
    var query = parseQuery(text);
    var generation = (state.generation += 1);
    var page = state.page;
    var status = page.querySelector("#search-status");
    var output = page.querySelector("#search-results");
    output.setAttribute("data-state", "searching");
    output.removeAttribute("data-passages");
    var filter = chosenFilter(page);
    var found = { results: [], total: 0, exact: true, partial: false };
    var named = [];
    if (query.length) {
      var both = await Promise.all([searchArticles(state.store, query, filter, state.want),
                                    state.store.loadTerms(clauses(query)).then(function () {
                                      return searchEntities(state.store, query, filter.type);
                                    })]);
      found = both[0];
      named = both[1];
    }
    var docs = await state.store.loadShownAll(found.results.map(function (result) { return result.ref; }));
    if (generation !== state.generation) return false;
    output.replaceChildren();
    var marked = query.concat([namesWord(named.filter(function (one) { return one.exact; }))]);
    if (named.length) {
      var names = element("ul", "search-entities");
      named.forEach(function (one) { names.appendChild(entityItem(one.entity)); });
      output.appendChild(section("Names", names));
    }
    var shown = [];
    if (docs.length) {
      var articles = element("ol", "search-articles");
      shown = docs.map(function (doc) {
        var url = articleUrl(state.base, doc);
        return { doc: doc, url: url, item: articles.appendChild(articleItem(doc, url, marked)) };
      });
      output.appendChild(section("Articles", articles));
      if (!found.exact || found.total > docs.length) {
        var more = element("button", "search-more", "More results");
        more.type = "button";
        more.addEventListener("click", function () {
          state.want += PAGE;
          render(state, text, performance.now()).catch(function (error) {
            status.textContent = "The search failed (" + error.message + ").";
          });
        });
        output.appendChild(more);
      }
    }
    offerStories(page, docs, filter.story);
    if (!query.length) status.textContent = "";
    else {
      var count = found.exact ? plural(found.total, "article") : "the best " + plural(docs.length, "article");
      var note = found.partial ? " (no article has every word; showing those with some)" : "";
      status.textContent = count + ", " + plural(named.length, "name") + " for \u201c" + text.trim() + "\u201d" + note + ".";
    }
    output.setAttribute("data-query", text.trim());
    await new Promise(function (resolve) { window.requestAnimationFrame(resolve); });
    if (generation !== state.generation) return false;
    window.searchTimings.push({ query: text.trim(), ms: performance.now() - started });
    output.setAttribute("data-state", "done");
    /* once the results are drawn: each one's passage that matches the query (a fetch each) */
    await new Promise(function (resolve) { window.setTimeout(resolve, 0); });
    if (generation !== state.generation) return false;
    showPassages(state, shown, marked, generation);
    return true;
  }

  function updateAddress(page, text) {
    var address = new URL(window.location.href);
    var set = function (key, value) {
      if (value) address.searchParams.set(key, value);
      else address.searchParams.delete(key);
    };
    set("q", text.trim());
    var source = page.querySelector("#search-source");
    set("source", source.value === "" ? "" : source.selectedOptions[0].textContent);
    set("story", page.querySelector("#search-story").value);
    set("type", page.querySelector("#search-type").value);
    window.history.replaceState(null, "", address.toString());
  }

  /* Arrow keys move between the box and the result links; Enter follows a link as usual. */
  function onKey(page, input, event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    if (event.target.tagName === "SELECT") return;
    var links = Array.from(page.querySelectorAll("#search-results a.search-entity-name, #search-results a.search-result-title"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    event.preventDefault();
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  }

  /* The filters from the manifest and the address (?source=NAME&story=N&type=T). */
  function setUpFilters(page, manifest, params) {
    var source = page.querySelector("#search-source");
    manifest.sources.forEach(function (name, n) {
      var option = element("option", "", name);
      option.value = String(n);
      source.appendChild(option);
    });
    var wanted = manifest.sources.indexOf(params.get("source") || "");
    source.value = wanted < 0 ? "" : String(wanted);
    var story = Number(params.get("story"));
    if (params.get("story") && Number.isInteger(story) && story >= 0 && story < manifest.stories) {
      var option = element("option", "", "the story chosen");
      option.value = String(story);
      page.querySelector("#search-story").appendChild(option);
      page.querySelector("#search-story").value = String(story);
    }
    var type = page.querySelector("#search-type");
    if (Array.from(type.options).some(function (option) { return option.value === params.get("type"); })) {
      type.value = params.get("type");
    }
    page.querySelector("#search-filters").hidden = false;
  }

  function start(page) {
    var form = page.querySelector("#search-form");
    var input = page.querySelector("#search-q");
    var status = page.querySelector("#search-status");
    var base = page.getAttribute("data-base") || "/";
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    window.searchTimings = [];
    status.textContent = "Loading the search index\u2026";
    fetch(base + "search/manifest.json").then(function (response) {
      if (!response.ok) throw new Error("manifest.json: HTTP " + response.status);
      return response.json();
    }).then(function (manifest) {
      if (manifest.format !== FORMAT) {
        throw new Error("it was built for another version of this page: reload the page, or build the site again");
      }
      var state = { page: page, store: new Store(base, manifest), base: base, records: new Map(),
                    generation: 0, want: PAGE };
      setUpFilters(page, manifest, params);
      var timer = null;
      var run = function (started) {
        window.clearTimeout(timer);
        state.want = PAGE;
        var text = input.value;
        var drawn = render(state, text, started);
        var mine = state.generation;
        drawn.then(function (current) {
          if (current) updateAddress(page, text); /* after the results: replaceState takes milliseconds */
        }).catch(function (error) {
          if (mine === state.generation) status.textContent = "The search failed (" + error.message + ").";
        });
      };
      form.addEventListener("submit", function (event) { event.preventDefault(); run(event.timeStamp); });
      input.addEventListener("input", function (event) {
        prefetch(state.store, input.value);
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { run(event.timeStamp); }, 150);
      });
      page.querySelectorAll("#search-filters select").forEach(function (select) {
        select.addEventListener("change", function (event) { run(event.timeStamp); });
      });
      page.addEventListener("keydown", function (event) { onKey(page, input, event); });
      page.setAttribute("data-ready", "true");
      status.textContent = "";
      if (input.value.trim()) run(performance.now());
    }).catch(function (error) {
      status.textContent = "The search index could not be loaded (" + error.message + ").";
    });
  }

  /* for tests/search_harness.js, under Node only */
  if (typeof module !== "undefined" && module.exports) {
    module.exports.internals = { Store: Store, searchArticles: searchArticles, parseQuery: parseQuery };
  }
  var page = document.getElementById("search");
  if (page) start(page);
})();
