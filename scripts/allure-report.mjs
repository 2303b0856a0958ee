#!/usr/bin/env node
// `make report`: `allure generate` (configured by allurerc.mjs) of one or more results folders,
// then what Allure Report 3 has no option for (docs/reports.md says why):
//
//     node scripts/allure-report.mjs [--output allure-report] allure-results [more-results ...]
//
// 1. The same results make one run of the history: a run whose tests are those of the run
//    before it (the same ids, made from the results' uuids, statuses and times) replaces it.
// 2. No request leaves the machine: the two script tags of Google's tag (the awesome template
//    writes them unconditionally: allure-framework/allure3#476, #784) are removed, and the report
//    fails rather than ship when they are not found exactly once or a trace is left.
// 3. The history stays small: each run keeps, for each test, its status, times, a message cut at
//    MESSAGE_MAX and the labels the charts group by (no full name, stack trace or other label).
// The CI phases found in the results ("phase" labels), each with its run context (phase.json,
// written by plugins/reporting/environment.py), go to allurerc.mjs as ALLURE_REPORT_PHASES.
//
// Exit status: Allure's when it fails, 2 for a wrong command line or an unexpected format.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual, parseArgs } from "node:util";

import config from "../allurerc.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ALLURE = path.join(ROOT, "node_modules", ".bin", "allure");
// The labels a history run keeps: what the report's charts group by (the tutorial's steps and
// branches, the severity).
const KEPT_LABELS = new Set(["epic", "feature", "story", "severity"]);
// A run's failure message, as the test's History tab shows it when unfolded.
const MESSAGE_MAX = 300;
// Google's tag as Allure Report 3.18's awesome template writes it: the loader, then the inline
// script that configures it.
const ANALYTICS =
  /[ \t]*<script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[^"]*"><\/script>\s*<script>\s*window\.dataLayer = window\.dataLayer \|\| \[\];[^<]*<\/script>\n?/g;

class ReportError extends Error {}

function parseArguments(args) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { output: { type: "string" } } });
  } catch (error) {
    throw new ReportError(error.message);
  }
  const { values, positionals: results } = parsed;
  if (results.length === 0) {
    throw new ReportError("usage: allure-report.mjs [--output DIR] RESULTS_DIR...");
  }
  for (const folder of results) {
    if (!existsSync(folder)) {
      throw new ReportError(`no ${folder}/ yet: run 'make test' first`);
    }
  }
  return { output: values.output ?? config.output, results };
}

/** The CI phases the results' "phase" labels name, each with the run context of the folder it
 * was found in. */
export function readPhases(folders) {
  const phases = {};
  for (const folder of folders) {
    for (const name of readdirSync(folder).filter((n) => n.endsWith("-result.json"))) {
      const { labels = [] } = JSON.parse(readFileSync(path.join(folder, name), "utf-8"));
      for (const { name: label, value } of labels) {
        if (label === "phase" && !(value in phases)) {
          const context = path.join(folder, "phase.json");
          phases[value] = existsSync(context) ? JSON.parse(readFileSync(context)) : {};
        }
      }
    }
  }
  return phases;
}

function readLines(file) {
  return existsSync(file) ? readFileSync(file, "utf-8").split("\n").filter((l) => l.trim()) : [];
}

function writeLines(file, lines) {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, lines.map((l) => `${l}\n`).join(""));
  renameSync(temporary, file);
}

/** A history run, checked to be what this script knows of Allure's format. */
function readRun(line) {
  const run = JSON.parse(line);
  if (typeof run.uuid !== "string" || typeof run.testResults !== "object") {
    throw new ReportError(
      "unexpected history format (no uuid or testResults): Allure's history file changed; " +
        "update scripts/allure-report.mjs",
    );
  }
  return run;
}

/** A history run without what the report does not show: labels of no chart, stack traces, the
 * test's full name (its id and name are kept). */
export function trimRun(line) {
  const run = readRun(line);
  for (const item of Object.values(run.testResults)) {
    delete item.trace;
    delete item.fullName;
    if (Array.isArray(item.labels)) {
      item.labels = item.labels.filter((label) => KEPT_LABELS.has(label.name));
    }
    if (typeof item.message === "string" && item.message.length > MESSAGE_MAX) {
      item.message = `${item.message.slice(0, MESSAGE_MAX)}…`;
    }
  }
  return JSON.stringify(run);
}

/** index.html without Google's tag; fails when the tag is not found exactly once. */
export function withoutAnalytics(html) {
  const found = html.match(ANALYTICS) ?? [];
  if (found.length !== 1) {
    throw new ReportError(
      `Google's tag found ${found.length} times instead of once in the report: Allure's ` +
        "template changed; update ANALYTICS in scripts/allure-report.mjs",
    );
  }
  const cleaned = html.replace(ANALYTICS, "");
  if (/googletagmanager|gtag\(/.test(cleaned)) {
    throw new ReportError(
      "a trace of Google's tag is left in the report: update scripts/allure-report.mjs",
    );
  }
  return cleaned;
}

function main() {
  const { output, results } = parseArguments(process.argv.slice(2));
  const historyPath = path.resolve(config.historyPath);
  const before = readLines(historyPath).map(trimRun);
  const allure = spawnSync(ALLURE, ["generate", ...results, "--output", output], {
    stdio: "inherit",
    // allurerc.mjs makes each phase an environment of the report.
    env: { ...process.env, ALLURE_REPORT_PHASES: JSON.stringify(readPhases(results)) },
  });
  if (allure.status !== 0) {
    process.exit(allure.status ?? 1);
  }
  const index = path.join(output, "index.html");
  writeFileSync(index, withoutAnalytics(readFileSync(index, "utf-8")));
  let runs = readLines(historyPath).map(trimRun);
  const tests = (line) => line && JSON.parse(line).testResults;
  if (isDeepStrictEqual(tests(before.at(-1)), tests(runs.at(-1)))) {
    // Kept from before Allure appended the run: its limit may have dropped the oldest.
    runs = [...before.slice(0, -1), runs.at(-1)];
    console.log("same results as the last report: its run in the history is replaced");
  }
  writeLines(historyPath, runs);
  console.log(`${index}: ${runs.length} run(s) of history, no request outside the file`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    if (error instanceof ReportError) {
      console.error(`make report: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}
