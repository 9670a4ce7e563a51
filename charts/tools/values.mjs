// Validates the chart's values — values.yaml with each given file laid over it, merged as Helm merges them — against
// values.schema.json, as `helm install`, `helm template` and `helm lint` do.  node values.mjs CHART [VALUES...]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import Ajv2020 from "ajv/dist/2020.js";

const [chart, ...files] = process.argv.slice(2);
const merge = (base, overlay) => {
  const result = { ...base };
  for (const [key, value] of Object.entries(overlay ?? {})) {
    if (value === null) delete result[key];
    else if (typeof value === "object" && !Array.isArray(value) && typeof result[key] === "object" && !Array.isArray(result[key]))
      result[key] = merge(result[key], value);
    else result[key] = value;
  }
  return result;
};
let values = parse(readFileSync(join(chart, "values.yaml"), "utf8"));
for (const file of files) values = merge(values, parse(readFileSync(file, "utf8")));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(chart, "values.schema.json"), "utf8")));
if (!validate(values)) {
  for (const error of validate.errors) console.error(`values: ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
  process.exit(1);
}
console.log(`values: ${["values.yaml", ...files].join(" + ")} match values.schema.json`);
