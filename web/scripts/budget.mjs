// The first page's JavaScript budget: every script index.html loads (the entry and the chunks
// it preloads), gzipped, against 200 KB. Run after `npm run build`; exits 1 over budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const BUDGET_KB = 200;
const dist = new URL("../dist/", import.meta.url).pathname;
const html = readFileSync(join(dist, "index.html"), "utf8");
const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const script of scripts) {
  const size = gzipSync(readFileSync(join(dist, script)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${script}`);
}
const kb = total / 1024;
console.log(`first page JavaScript: ${kb.toFixed(1)} KB gzipped of a ${BUDGET_KB} KB budget (${scripts.length} files)`);
process.exit(kb <= BUDGET_KB ? 0 : 1);
