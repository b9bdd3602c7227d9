// Writes static/vendor/bootstrap/bootstrap.trimmed.min.css: Bootstrap's stylesheet without the
// rules no template, script or Python file of the project uses (PurgeCSS, pinned in
// package.json). The site links this one; the full file stays beside it, as vendored.
//
//   cd tools/bootstrap-trim && npm ci && node trim.mjs
//
// Run it again after using a Bootstrap class the site has not used before:
// tests/pages/test_bootstrap_trim.py fails, naming the class, until you do.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PurgeCSS } from "purgecss";
import fg from "fast-glob";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const vendor = join(root, "static", "vendor", "bootstrap");

const content = await fg(
  [
    "templates/**/*.html",
    "static/js/**/*.js",
    "static/sos/**/*.{html,js}",
    "*/templates/**/*.html",
    "*/**/*.py",
    "toolbox/content/**/*.md",
    ".venv/lib/python*/site-packages/crispy_bootstrap5/templates/**/*.html",
    ".venv/lib/python*/site-packages/crispy_forms/templates/**/*.html",
  ],
  {
    cwd: root,
    absolute: true,
    ignore: [".venv/lib/python*/site-packages/!(crispy_bootstrap5|crispy_forms)/**", "tools/**", "**/node_modules/**", "bench/**"],
  },
);

const [result] = await new PurgeCSS().purge({
  content,
  css: [join(vendor, "bootstrap.min.css")],
  // Words the templates build at run time ("alert-{{ message.tags }}"), the states scripts add,
  // and the elements Markdown content can produce.
  safelist: {
    standard: [
      "show", "collapsing", "active", "disabled", "fade", "is-valid", "is-invalid",
      "was-validated", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
      "blockquote", "pre", "code", "kbd", "hr", "img", "svg", "figure", "figcaption",
      "mark", "abbr", "sub", "sup", "dl", "dt", "dd", "ol", "ul", "li", "h1", "h2", "h3",
      "h4", "h5", "h6", "details", "summary", "fieldset", "legend", "progress", "output",
      // Bootstrap's everyday utilities (not their per-breakpoint forms) are all kept, so a new
      // template can use one without running this again.
      /^(w|h|mw|mh|vw|vh)-/, /^[mp][tbsexy]?-(0|1|2|3|4|5|auto)$/, /^d-(none|block|inline|inline-block|flex|inline-flex|grid)$/,
      /^(flex|justify-content|align-items|align-self|align-content|gap|order)-/, /^(fs|fw|fst|lh)-/,
      /^(visually-hidden|list-unstyled|list-inline|small|lead)/,
    ],
    deep: [/^alert-/, /^text-bg-/, /^btn-/, /^bg-/, /^text-/, /^border-/],
  },
});
const css = result.css
  .replace(/\/\*# sourceMappingURL=.*?\*\//, "")
  .replace('@charset "UTF-8";', '@charset "UTF-8";/* Trimmed by tools/bootstrap-trim/trim.mjs: do not edit. */');
writeFileSync(join(vendor, "bootstrap.trimmed.min.css"), css);
console.log(`${content.length} files read; ${css.length} bytes written.`);
