#!/usr/bin/env node
// `make report`: the Allure report of one or more results folders (`allure generate`, configured
// by allurerc.mjs), as one self-contained index.html that opens from disk, makes no request
// outside itself, and stays the same size however many runs its history holds.
//
//     node scripts/allure-report.mjs --output allure-report allure-results [more-results ...]
//
// Around `allure generate`, three things Allure Report 3 has no option for, and the CI phases
// found in the results (their "phase" labels), with the run context of each, handed to
// allurerc.mjs as ALLURE_REPORT_PHASES:
//
// 1. The same results make one run of the history. Each `allure generate` appends a run to the
//    history file; the fingerprint of the results (every *-result.json, by name and content) is
//    kept beside it with the run it produced, and a report of the same results replaces that run
//    instead of adding another.
// 2. No request leaves the machine. Allure's report template loads Google's gtag.js each time
//    the report is opened (no option turns it off: allure-framework/allure3#476, #784). The two
//    script tags are removed; if the template changes and they are not found exactly once, or
//    any trace of googletagmanager is left, this fails rather than ship the report as it is.
// 3. The history stays small. Each run keeps, for every test, its full name, the labels
//    allure-pytest writes (host, thread, framework, package, ...) and the whole stack trace of a
//    failure: about 1 kB per test and run, embedded in index.html for each of the runs kept
//    (allurerc.mjs's historyLimit). A test's History tab shows each run's status, date,
//    duration and message: the labels the report's charts group by are kept, the others, the
//    full names and the traces dropped, the messages shortened.
//
// Exit status: Allure's own when it fails, 2 for a wrong command line or an unexpected report
// or history format.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

function parseArguments(argv) {
  const results = [];
  let output = config.output ?? "allure-report";
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--output") {
      output = argv[++i];
    } else if (argv[i].startsWith("-")) {
      throw new ReportError(`unknown option ${argv[i]}`);
    } else {
      results.push(argv[i]);
    }
  }
  if (!output || results.length === 0) {
    throw new ReportError("usage: allure-report.mjs [--output DIR] RESULTS_DIR...");
  }
  for (const folder of results) {
    if (!existsSync(folder)) {
      throw new ReportError(`no ${folder}/ yet: run 'make test' first`);
    }
  }
  return { output, results };
}

/** A Java .properties file (as plugins/reporting/environment.py writes it) as an object. */
export function readProperties(file) {
  if (!existsSync(file)) {
    return {};
  }
  const unescape = (text) =>
    text.replace(/\\u([0-9a-fA-F]{4})|\\(.)/g, (_, code, character) =>
      code ? String.fromCharCode(Number.parseInt(code, 16)) : character === "n" ? "\n" : character,
    );
  const entries = readFileSync(file, "latin1")
    .split("\n")
    .map((line) => line.match(/^((?:[^=\\]|\\.)*)=(.*)$/))
    .filter(Boolean)
    .map(([, key, value]) => [unescape(key), unescape(value)]);
  return Object.fromEntries(entries);
}

/** The results' fingerprint (every *-result.json, by name and content), and the CI phases
 * their "phase" labels name (`pytest --report-phase`), each with the run context of the folder
 * it was found in (phase.properties, written by plugins/reporting/environment.py). */
export function readResults(folders) {
  const hash = createHash("sha256");
  const phases = {};
  for (const folder of [...folders].map((f) => path.resolve(f)).sort()) {
    for (const name of readdirSync(folder).filter((n) => n.endsWith("-result.json")).sort()) {
      const content = readFileSync(path.join(folder, name));
      hash.update(`${name}\n`);
      hash.update(content);
      for (const label of JSON.parse(content.toString("utf-8")).labels ?? []) {
        if (label.name === "phase" && !(label.value in phases)) {
          phases[label.value] = readProperties(path.join(folder, "phase.properties"));
        }
      }
    }
  }
  return { fingerprint: hash.digest("hex"), phases };
}

function readLines(file) {
  return existsSync(file) ? readFileSync(file, "utf-8").split("\n").filter((l) => l.trim()) : [];
}

function writeLines(file, lines) {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, lines.map((l) => `${l}\n`).join(""));
  renameSync(temporary, file);
}

function runUuid(line) {
  const run = JSON.parse(line);
  if (typeof run.uuid !== "string" || typeof run.testResults !== "object") {
    throw new ReportError(
      "unexpected history format (no uuid or testResults): Allure's history file changed; " +
        "update scripts/allure-report.mjs",
    );
  }
  return run.uuid;
}

/** A history run without what the report does not show: labels of no chart, stack traces, the
 * test's full name (its id and name are kept). */
export function trimRun(line) {
  const run = JSON.parse(line);
  runUuid(line);
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
  const statePath = path.join(path.dirname(historyPath), "last-report.json");
  const { fingerprint: current, phases } = readResults(results);
  const history = readLines(historyPath);
  const state = existsSync(statePath) ? JSON.parse(readFileSync(statePath, "utf-8")) : {};
  const same =
    history.length > 0 &&
    state.results === current &&
    state.run === runUuid(history[history.length - 1]);
  if (same) {
    // This run is already the history's last: Allure adds it again.
    writeLines(historyPath, history.slice(0, -1));
    console.log("same results as the last report: its run in the history is replaced");
  }
  const allure = spawnSync(ALLURE, ["generate", ...results, "--output", output], {
    stdio: "inherit",
    // allurerc.mjs makes each phase an environment of the report.
    env: { ...process.env, ALLURE_REPORT_PHASES: JSON.stringify(phases) },
  });
  if (allure.status !== 0) {
    if (same) {
      writeLines(historyPath, history);
    }
    process.exit(allure.status ?? 1);
  }
  const index = path.join(output, "index.html");
  writeFileSync(index, withoutAnalytics(readFileSync(index, "utf-8")));
  const runs = readLines(historyPath).map(trimRun);
  writeLines(historyPath, runs);
  writeFileSync(
    statePath,
    `${JSON.stringify({ results: current, run: runUuid(runs[runs.length - 1]) })}\n`,
  );
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
