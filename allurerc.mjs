// Allure Report 3 configuration, read by `allure generate` (`make report`) from this directory.
//
// - The tree groups tests as the tutorial does: a feature per step, sorted by name (so "Étape 1"
//   to "Étape 9"), then a story per branch (labels set by e2e/tutoriel.py; every browser test is
//   in the epic "Compte ameli", so grouping by epic too would only add one level). Tests with no
//   feature of their own (unit tests, tooling) get one here, once every label they set, static
//   or dynamic, is known.
// - Defect categories come from plugins/reporting/categories.json, the file
//   plugins/reporting/environment.py also copies into allure-results/ for tools that read it
//   from there.
// - History: each report appends one line per run to .allure/history.jsonl, and the report's
//   trend charts and per-test history read it back; keep that file between CI runs (cache it)
//   for the trend to span them. The last 10 runs are kept, the trend charts' own window: every
//   run kept is embedded in index.html (scripts/allure-report.mjs keeps each one small and
//   records the same results once).
// - Phases: CI runs the browser tests three ways (.ci/run), each labelled with its phase
//   (`pytest --report-phase ID`, Allure label "phase"); each phase found in the results is an
//   environment of the report, with its own tree, statistics and run context (browser, base
//   URL, seed: the environment.properties of the phase's results folder, as variables).
//   scripts/allure-report.mjs hands the phases it finds over in ALLURE_REPORT_PHASES (JSON:
//   phase id → run context); a run without phases has none.
//
// A plain object rather than the `allure` package's `defineConfig` (the identity function):
// importing that package runs its command line, and scripts/allure-report.mjs reads this file.
import { readFileSync } from "node:fs";

const categories = JSON.parse(
  readFileSync(new URL("./plugins/reporting/categories.json", import.meta.url), "utf-8"),
);

// The name the report shows for each phase id of .ci/run.
const PHASES = {
  suite: "Suite complète (make test)",
  "mock-partage": "Mock partagé (gunicorn, plusieurs workers)",
  "navigateurs-distants": "Navigateurs distants (playwright run-server)",
};

const phases = Object.entries(JSON.parse(process.env.ALLURE_REPORT_PHASES || "{}"));
const environments = Object.fromEntries(
  phases.map(([id, variables]) => [
    id,
    {
      name: PHASES[id] ?? id,
      variables,
      matcher: ({ labels }) => labels.some(({ name, value }) => name === "phase" && value === id),
    },
  ]),
);

export default {
  name: "ameli-e2e — création d'un compte ameli",
  output: "./allure-report",
  historyPath: "./.allure/history.jsonl",
  historyLimit: 10,
  ...(phases.length ? { environments } : {}),
  categories: { rules: categories },
  defaultLabels: { feature: "Hors des étapes du tutoriel" },
  plugins: {
    awesome: {
      options: {
        reportLanguage: "fr",
        // One self-contained index.html: it opens from disk (file://), e.g. from a downloaded CI
        // artifact, where a browser refuses to fetch a multi-file report's data files.
        singleFile: true,
        groupBy: ["feature", "story"],
        defaultSortBy: "name,asc",
      },
    },
  },
};
