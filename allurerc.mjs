// Allure Report 3 configuration, read by `allure generate` (`make report`) from this directory.
//
// - The tree groups tests as the tutorial does: epic "Compte ameli", a feature per step, a story
//   per branch (labels set by e2e/tutoriel.py).
// - Defect categories come from reporting/categories.json, the file plugins/reporting.py also
//   copies into allure-results/ for tools that read it from there.
// - History: each report appends one line per run to .allure/history.jsonl, and the report's
//   trend charts and per-test history read it back; keep that file between CI runs (cache it)
//   for the trend to span them.
import { readFileSync } from "node:fs";
import { defineConfig } from "allure";

const categories = JSON.parse(
  readFileSync(new URL("./reporting/categories.json", import.meta.url), "utf-8"),
);

export default defineConfig({
  name: "ameli-e2e — création d'un compte ameli",
  output: "./allure-report",
  historyPath: "./.allure/history.jsonl",
  historyLimit: 50,
  categories: { rules: categories },
  plugins: {
    awesome: {
      options: {
        reportLanguage: "fr",
        groupBy: ["epic", "feature", "story"],
      },
    },
  },
});
