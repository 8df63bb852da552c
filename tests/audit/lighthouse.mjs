// Runs Lighthouse on a list of pages in one Chromium (make audit; tests/audit/run.py drives it).
// Usage: node lighthouse.mjs <jobs.json>; each job is {url, formFactor: "mobile"|"desktop", out}.
// Writes each job's full Lighthouse report (JSON) to `out`; prints one line per finished job.
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  for (const job of jobs) {
    const flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
      // the back/forward cache audit navigates away and back; it scores nothing in these categories
      skipAudits: ["bf-cache"],
    };
    const config = job.formFactor === "desktop" ? desktopConfig : undefined;
    let result = await lighthouse(job.url, flags, config);
    // on a busy machine a load now and then misses its start or first paint (NO_NAVSTART,
    // NO_FCP): twice more at most
    for (let attempt = 1; attempt < 3 && result.lhr.runtimeError; attempt++) {
      console.log(`${job.formFactor} ${job.url} ${result.lhr.runtimeError.code}, again`);
      result = await lighthouse(job.url, flags, config);
    }
    fs.writeFileSync(job.out, result.report);
    const scores = CATEGORIES.map((name) => Math.round((result.lhr.categories[name].score || 0) * 100));
    console.log(`${job.formFactor} ${job.url} ${scores.join(" ")}`);
  }
} finally {
  await chrome.kill();
}
