// Drives the official Infisical Node.js SDK (@infisical/sdk) against a running FakeInfisical.
// Inputs (environment): FAKE_SITE_URL, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_PROJECT_ID,
// FAKE_PROJECT_SLUG, FAKE_GENERATION.
// Prints one "RESULT <json>" line and exits 0 when every step behaved as a real server would;
// prints "FAILED <step>: <reason>" and exits 1 otherwise.
import { InfisicalSDK } from "@infisical/sdk";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`missing environment variable ${name}`);
  return v;
};

const siteUrl = env("FAKE_SITE_URL");
const projectId = env("FAKE_PROJECT_ID");
const result = {};
let step = "start";

const check = (condition, message) => {
  if (!condition) throw new Error(message);
};

try {
  step = "login";
  const client = new InfisicalSDK({ siteUrl });
  await client.auth().universalAuth.login({
    clientId: env("FAKE_CLIENT_ID"),
    clientSecret: env("FAKE_CLIENT_SECRET"),
  });
  check(client.auth().getAccessToken(), "no access token after login");
  result.login = "ok";

  step = "renew";
  await client.auth().universalAuth.renew();
  result.renew = "ok";

  step = "project by slug";
  // The Node SDK has no project lookup; the official Java SDK's Projects().GetBySlug calls this route
  // (current servers only), so it is driven here with the Node SDK's own access token.
  const slug = env("FAKE_PROJECT_SLUG");
  const bySlug = await fetch(`${siteUrl}/api/v1/projects/slug/${encodeURIComponent(slug)}`, {
    headers: { Authorization: `Bearer ${client.auth().getAccessToken()}` },
  });
  result.projectBySlugStatus = bySlug.status;
  if (env("FAKE_GENERATION") === "CURRENT") {
    const project = await bySlug.json();
    check(bySlug.status === 200 && project.id === projectId && project.slug === slug, `project by slug: ${bySlug.status}`);
    result.projectBySlugEnvironments = project.environments.map((e) => e.slug);
  } else {
    check(bySlug.status === 404, `OCT24 has no /api/v1/projects/slug route, got ${bySlug.status}`);
  }

  step = "list with imports";
  const listed = await client.secrets().listSecrets({
    projectId,
    environment: "dev",
    secretPath: "/app",
    includeImports: true,
  });
  result.listKeys = listed.secrets.map((s) => s.secretKey).sort();
  result.importBlocks = (listed.imports ?? []).map((b) => `${b.environment}:${b.secretPath}=${b.secrets.map((s) => s.secretKey).sort().join("/")}`);
  check(result.listKeys.includes("APP_KEY"), `APP_KEY missing from ${result.listKeys}`);
  check(result.importBlocks.length === 1, `expected one import block, got ${result.importBlocks}`);

  step = "list merged with imports";
  const merged = await client.secrets().listSecretsWithImports({ projectId, environment: "dev", secretPath: "/app" });
  result.mergedKeys = merged.map((s) => s.secretKey).sort();
  check(result.mergedKeys.includes("FEATURE_FLAG"), `imported FEATURE_FLAG missing from ${result.mergedKeys}`);

  step = "list expands references";
  const root = await client.secrets().listSecrets({ projectId, environment: "dev", secretPath: "/" });
  result.dbUrl = root.secrets.find((s) => s.secretKey === "DB_URL")?.secretValue;
  check(result.dbUrl === "postgres://localhost:5432/app", `DB_URL not expanded: ${result.dbUrl}`);

  step = "get";
  const got = await client.secrets().getSecret({ projectId, environment: "dev", secretPath: "/", secretName: "DB_PASSWORD" });
  result.getValue = got.secretValue;
  check(got.secretValue === "s3cret", `unexpected value ${got.secretValue}`);

  step = "create";
  const created = await client.secrets().createSecret("NODE_KEY", {
    projectId, environment: "dev", secretPath: "/app", secretValue: "  created-by-node  ", secretComment: "from node",
  });
  result.createdValue = created.secret.secretValue;
  result.createdVersion = created.secret.version;
  check(created.secret.secretValue === "created-by-node", "server did not trim the value");

  step = "update";
  const updated = await client.secrets().updateSecret("NODE_KEY", {
    projectId, environment: "dev", secretPath: "/app", secretValue: "updated-by-node",
  });
  result.updatedVersion = updated.secret.version;
  check(updated.secret.version === 2, `version after update ${updated.secret.version}`);

  step = "create duplicate";
  try {
    await client.secrets().createSecret("NODE_KEY", { projectId, environment: "dev", secretPath: "/app", secretValue: "x" });
    throw new Error("duplicate create succeeded");
  } catch (e) {
    result.duplicateError = e.message;
    check(/StatusCode=400\] Secret already exist/.test(e.message), `unexpected duplicate error: ${e.message}`);
  }

  step = "delete";
  const deleted = await client.secrets().deleteSecret("NODE_KEY", { projectId, environment: "dev", secretPath: "/app" });
  result.deletedKey = deleted.secret.secretKey;

  step = "get deleted";
  try {
    await client.secrets().getSecret({ projectId, environment: "dev", secretPath: "/app", secretName: "NODE_KEY" });
    throw new Error("deleted secret is still readable");
  } catch (e) {
    result.getDeletedError = e.message;
    check(/StatusCode=404\] Secret with name 'NODE_KEY' not found/.test(e.message), `unexpected error: ${e.message}`);
  }

  step = "folder create";
  const folder = await client.folders().create({ projectId, environment: "dev", path: "/app", name: "made-by-node" });
  result.folderName = folder.name;
  check(folder.name === "made-by-node" && folder.id, "folder create answer");

  step = "folder list";
  const folders = await client.folders().listFolders({ projectId, environment: "dev", path: "/app" });
  result.folders = folders.map((f) => f.name).sort();
  check(result.folders.includes("made-by-node"), `folder list ${result.folders}`);

  console.log("RESULT " + JSON.stringify(result));
  process.exit(0);
} catch (e) {
  console.log(`FAILED ${step}: ${e?.message ?? e}`);
  console.log("PARTIAL " + JSON.stringify(result));
  process.exit(1);
}
