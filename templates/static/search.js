/* Search in the browser: lunr.js over search/index.json, results from search/docs.json.
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
  var RESULTS_SHOWN = 50;
  var ENTITIES_SHOWN = 8;
  var PASSAGE_CHARS = 280;
  var MIN_PREFIX = 3;
  var PASSAGES_SHOWN = 10; /* each costs a fetch of the article's data file, once */

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

  /* ---- in the page ---- */

  function stem(token) { return lunr.stemmer(new lunr.Token(token)).toString(); }

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

  function runQuery(index, query) {
    var results = index.query(function (q) {
      query.forEach(function (word) {
        word.variants.forEach(function (token) { q.term(token); });
        if (word.prefix) {
          q.term(word.prefix, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 0.5 });
        }
      });
    });
    /* lunr ORs the terms: keep the articles that match every word, if any do. */
    var all = results.filter(function (result) {
      var terms = Object.keys(result.matchData.metadata);
      return query.every(function (word) {
        return !word.required || terms.some(function (term) { return accepts(word, term); });
      });
    });
    return { results: all.length ? all : results, partial: all.length === 0 && results.length > 0 };
  }

  function matchesTokens(query, tokenList) {
    var stems = tokenList.map(stem);
    return query.every(function (word) {
      return !word.required || stems.some(function (term) { return accepts(word, term); }) ||
        tokenList.some(function (token) { return accepts(word, token); });
    });
  }

  /* Each entity's names (canonical and aliases) as token lists, computed once. */
  function entityNames(entities) {
    return entities.map(function (entity) {
      var all = [entity.name].concat(entity.aliases);
      var oneWord = all.filter(function (name) { return words(name).length === 1; });
      return { entity: entity, names: all.map(tokens), oneWordNames: oneWord.map(tokens) };
    });
  }

  /* Entities a name of which has every query word: whole-word matches first, then by prefix
   * (each with `exact` saying which). */
  function matchingEntities(named, query) {
    if (!query.some(function (word) { return word.required; })) return [];
    var whole = query.map(function (word) { return Object.assign({}, word, { prefix: "" }); });
    var matching = function (words) {
      return named.filter(function (one) {
        return one.names.some(function (tokenList) { return matchesTokens(words, tokenList); });
      });
    };
    var exact = matching(whole);
    var byPrefix = matching(query).filter(function (one) { return exact.indexOf(one) < 0; });
    var tag = function (isExact) {
      return function (one) { return { entity: one.entity, oneWordNames: one.oneWordNames, exact: isExact }; };
    };
    return exact.map(tag(true)).concat(byPrefix.map(tag(false))).slice(0, ENTITIES_SHOWN);
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
    pieces.forEach(function (piece, i) {
      var hit = i % 2 === 0 && piece && chunkTokens(normalise(piece)).some(function (token) {
        return query.some(function (word) { return accepts(word, stem(token)) || accepts(word, token); });
      });
      if (!hit) {
        node.appendChild(document.createTextNode(piece));
        return;
      }
      var start = CORE_START.exec(piece)[0].length;
      var end = piece.length - CORE_END.exec(piece.slice(start))[0].length;
      if (piece[end] === "." && isAbbreviation(normalise(piece.slice(start, end)))) end += 1;
      node.appendChild(document.createTextNode(piece.slice(0, start)));
      node.appendChild(element("mark", "", piece.slice(start, end)));
      node.appendChild(document.createTextNode(piece.slice(end)));
    });
  }

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

  function articleItem(doc, query) {
    var item = element("li", "search-result");
    var heading = link(doc.url, "", "search-result-title");
    highlight(heading, doc.title, query);
    item.appendChild(heading);
    var meta = element("p", "search-meta");
    meta.textContent = [doc.source, doc.date].filter(Boolean).join(" \u00b7 ");
    if (doc.story) {
      meta.appendChild(document.createTextNode(meta.textContent ? " \u00b7 story: " : "story: "));
      meta.appendChild(link(doc.story_url, doc.story));
    }
    item.appendChild(meta);
    var snippet = element("p", "search-snippet");
    highlight(snippet, doc.snippet, query);
    item.appendChild(snippet);
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

  /* The sentence of an article (its data/articles JSON) that has the most query words. */
  function bestPassage(record, query) {
    var best = null;
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

  /* Replace each result's opening lines with its passage that matches the query, linked to it.
   * The article's data file is fetched once; a failed fetch keeps the opening lines. */
  function showPassages(state, shown, query, generation) {
    shown.forEach(function (entry) {
      var doc = entry.doc;
      if (!state.records.has(doc.id)) {
        var path = doc.id.split("/").map(encodeURIComponent).join("/");
        state.records.set(doc.id, fetch(state.base + "data/articles/" + path + ".json").then(function (response) {
          return response.ok ? response.json() : null;
        }).catch(function () { return null; }));
      }
      state.records.get(doc.id).then(function (record) {
        var passage = record && Array.isArray(record.sentences) ? bestPassage(record, query) : null;
        if (!passage || generation !== state.generation) return;
        var snippet = entry.item.querySelector(".search-snippet");
        snippet.replaceChildren();
        var anchor = link(doc.url + "#" + encodeURIComponent(passage.id), "", "search-passage");
        highlight(anchor, shorten(passage.text), query);
        snippet.appendChild(anchor);
      });
    });
  }

  function plural(count, one) { return count + " " + one + (count === 1 ? "" : "s"); }

  function section(title, list) {
    var part = element("section", "search-section");
    part.appendChild(element("h2", "", title));
    part.appendChild(list);
    return part;
  }

  /* STATE: the page element, the lunr index, docs.json, the entities' names, the base path,
   * the articles' data files fetched so far, and a count of queries run (to drop stale updates). */
  function render(state, text) {
    var query = parseQuery(text);
    state.generation += 1;
    var status = state.page.querySelector("#search-status");
    var output = state.page.querySelector("#search-results");
    output.replaceChildren();
    if (!query.length) {
      status.textContent = "";
      return;
    }
    var found = runQuery(state.index, query);
    var named = matchingEntities(state.names, query);
    var entities = named.map(function (one) { return one.entity; });
    var marked = query.concat([namesWord(named.filter(function (one) { return one.exact; }))]);
    if (entities.length) {
      var names = element("ul", "search-entities");
      entities.forEach(function (entity) { names.appendChild(entityItem(entity)); });
      output.appendChild(section("Names", names));
    }
    if (found.results.length) {
      var articles = element("ol", "search-articles");
      var shown = found.results.slice(0, RESULTS_SHOWN).map(function (result) {
        var doc = state.docs.articles[Number(result.ref)];
        return { doc: doc, item: articles.appendChild(articleItem(doc, marked)) };
      });
      output.appendChild(section("Articles", articles));
      showPassages(state, shown.slice(0, PASSAGES_SHOWN), marked, state.generation);
    }
    var counts = plural(found.results.length, "article") + ", " + plural(entities.length, "name");
    var note = found.partial ? " (no article has every word; showing those with some)" : "";
    var shown = found.results.length > RESULTS_SHOWN ? "; showing the first " + RESULTS_SHOWN : "";
    status.textContent = counts + " for \u201c" + text.trim() + "\u201d" + note + shown + ".";
  }

  function updateAddress(text) {
    var address = new URL(window.location.href);
    if (text.trim()) address.searchParams.set("q", text.trim());
    else address.searchParams.delete("q");
    window.history.replaceState(null, "", address.toString());
  }

  /* Arrow keys move between the box and the result links; Enter follows a link as usual. */
  function onKey(page, input, event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.from(page.querySelectorAll("#search-results a.search-entity-name, #search-results a.search-result-title"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    event.preventDefault();
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  }

  function start(page) {
    var form = page.querySelector("#search-form");
    var input = page.querySelector("#search-q");
    var status = page.querySelector("#search-status");
    var base = page.getAttribute("data-base") || "/";
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    status.textContent = "Loading the search index\u2026";
    var load = function (name) {
      return fetch(base + "search/" + name).then(function (response) {
        if (!response.ok) throw new Error(name + ": HTTP " + response.status);
        return response.json();
      });
    };
    Promise.all([load("index.json"), load("docs.json")]).then(function (loaded) {
      var state = {
        page: page,
        index: lunr.Index.load(loaded[0]),
        docs: loaded[1],
        names: entityNames(loaded[1].entities),
        base: base,
        records: new Map(),
        generation: 0
      };
      var timer = null;
      var run = function () {
        window.clearTimeout(timer);
        render(state, input.value);
        updateAddress(input.value);
      };
      form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
      input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(run, 150);
      });
      page.addEventListener("keydown", function (event) { onKey(page, input, event); });
      page.setAttribute("data-ready", "true");
      status.textContent = "";
      if (input.value.trim()) run();
    }).catch(function (error) {
      status.textContent = "The search index could not be loaded (" + error.message + ").";
    });
  }

  var page = document.getElementById("search");
  if (page) start(page);
})();
