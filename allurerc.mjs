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
//   for the trend to span them.
import { readFileSync } from "node:fs";
import { defineConfig } from "allure";

const categories = JSON.parse(
  readFileSync(new URL("./plugins/reporting/categories.json", import.meta.url), "utf-8"),
);

export default defineConfig({
  name: "ameli-e2e — création d'un compte ameli",
  output: "./allure-report",
  historyPath: "./.allure/history.jsonl",
  historyLimit: 50,
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
});
