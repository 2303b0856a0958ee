// Allure Report 3 configuration, read by `allure generate` (`make report`, through
// scripts/allure-report.mjs) from this directory; docs/reports.md says what the report shows.
//
// - The tree groups tests as the tutorial does: a feature per step (labels set by
//   e2e/tutoriel.py), sorted by name, then a story per branch; tests with no feature (unit
//   tests, tooling) get one here. Categories: plugins/reporting/categories.json.
// - History: .allure/history.jsonl, the last 10 runs (the trend charts' window).
// - Phases: each CI phase in the results (`pytest --report-phase ID`) is an environment, its run
//   context as variables (ALLURE_REPORT_PHASES, JSON, from scripts/allure-report.mjs).
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
