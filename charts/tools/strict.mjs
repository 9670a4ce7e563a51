// Strict field check of a rendered chart (stdin): the Kubernetes API drops a misspelt field with only a warning, and
// the schemas' validators (validate.mjs) allow unknown fields too. TypeScript's excess-property check does not: each
// object is written out as a literal typed by kubernetes-models' interface for its kind, and `tsc --noEmit` fails on
// any field the API does not define, at any depth.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

const here = new URL(".", import.meta.url).pathname;
const objects = parseAllDocuments(readFileSync(0, "utf8")).map(d => d.toJS()).filter(Boolean);
const lines = [];
objects.forEach((object, index) => {
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
  const base = group === "monitoring.coreos.com" ? `@kubernetes-models/prometheus-operator/${group}/${version}`
    : group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  lines.push(`import type { I${object.kind} as T${index} } from "${base}";`);
  lines.push(`// ${object.kind}/${object.metadata?.name}`);
  lines.push(`export const o${index}: T${index} = ${JSON.stringify(object, null, 2)};`);
});
// Inside this folder, so that the generated file resolves kubernetes-models from node_modules here.
const directory = mkdtempSync(join(here, ".strict-"));
const file = join(directory, "objects.ts");
writeFileSync(file, lines.join("\n") + "\n");
try {
  execFileSync(join(here, "node_modules/.bin/tsc"), ["--noEmit", "--strict", "--target", "es2022", "--module", "nodenext",
    "--moduleResolution", "nodenext", "--skipLibCheck", file], { stdio: "pipe", cwd: here });
  console.log(`strict: ${objects.length} objects, no unknown field`);
} catch (error) {
  console.error(`strict: ${error.stdout}${error.stderr}`);
  process.exitCode = 1;
} finally {
  rmSync(directory, { recursive: true, force: true });
}
