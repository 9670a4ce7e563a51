// Validates every object of a rendered chart (multi-document YAML on stdin) against the Kubernetes API schemas of
// the npm package kubernetes-models (and the Prometheus Operator's for ServiceMonitor), and checks the security
// defaults the chart promises. Exit 1 with every finding when anything fails.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const text = readFileSync(0, "utf8");
const findings = [];
const objects = [];
for (const document of parseAllDocuments(text)) {
  if (document.errors.length) findings.push(`YAML: ${document.errors.map(e => e.message).join("; ")}`);
  const object = document.toJS();
  if (object) objects.push(object);
}

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const module = group === "monitoring.coreos.com"
    ? await import(`@kubernetes-models/prometheus-operator/${group}/${version}`)
    : await import(group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`);
  return module[kind];
}

for (const object of objects) {
  const name = `${object.kind}/${object.metadata?.name}`;
  let Model;
  try {
    Model = await modelOf(object.apiVersion, object.kind);
  } catch {
    Model = undefined;
  }
  if (!Model) {
    findings.push(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    findings.push(`${name}: ${error.message}`);
  }
  const pod = object.spec?.template?.spec;
  if (pod) {
    if (pod.automountServiceAccountToken !== false) findings.push(`${name}: mounts a service-account token`);
    if (pod.securityContext?.runAsNonRoot !== true) findings.push(`${name}: may run as root`);
    for (const container of pod.containers) {
      const security = container.securityContext ?? {};
      if (security.readOnlyRootFilesystem !== true) findings.push(`${name} ${container.name}: writable root filesystem`);
      if (security.allowPrivilegeEscalation !== false) findings.push(`${name} ${container.name}: privilege escalation allowed`);
      if (!(security.capabilities?.drop ?? []).includes("ALL")) findings.push(`${name} ${container.name}: capabilities not all dropped`);
      // Server-side apply refuses a list-map key twice, and other tools keep either value: an extraEnv the chart sets.
      const names = (container.env ?? []).map(v => v.name);
      for (const duplicate of new Set(names.filter((n, i) => names.indexOf(n) !== i)))
        findings.push(`${name} ${container.name}: ${duplicate} is set twice`);
      for (const variable of container.env ?? []) {
        if (/(ConnectionString|MaskHashKey|Secret|Password|Token)$/i.test(variable.name) && variable.value !== undefined
            && !/^\/|^http/.test(variable.value)) {
          findings.push(`${name} ${container.name}: ${variable.name} is set in plain text, not from a Secret`);
        }
      }
    }
  }
}

if (objects.length === 0) findings.push("nothing was rendered");
for (const finding of findings) console.error(`validate: ${finding}`);
console.log(`validate: ${objects.length} objects, ${findings.length} findings`);
process.exit(findings.length ? 1 : 0);
