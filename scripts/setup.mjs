// Installs what a fresh clone is missing, so `npm test` and `npm run demo` work with
// nothing installed by hand: node modules (npm ci, in the root and in each demo page that
// pins packages of its own) and the browsers the tests and the demo drive (Debian's chromium
// and firefox-esr, via apt-get). Plain Node, no deps: it runs before node_modules exists.
//   node scripts/setup.mjs [--browsers=chromium,firefox]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const browsersArg = process.argv.find((arg) => arg.startsWith("--browsers="));
const wanted = (browsersArg ? browsersArg.split("=")[1] : "chromium,firefox").split(",").filter(Boolean);

const BROWSERS = {
  chromium: { binary: "/usr/bin/chromium", packages: ["chromium"] },
  firefox: { binary: "/usr/bin/firefox-esr", packages: ["firefox-esr"] },
};

function run(command, args, options = {}) {
  const where = options.cwd && options.cwd !== root ? ` (in ${relative(root, options.cwd)})` : "";
  console.log(`[setup] ${command} ${args.join(" ")}${where}`);
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}`);
}

// The root's packages, and those of demo pages that pin their own (demo/client-js-1.10 holds
// client-js 1.10 and its transports, which npm cannot install beside the root's 1.13 ones).
const PACKAGE_DIRS = [root, join(root, "demo", "client-js-1.10")];

/** npm writes node_modules/.package-lock.json on every install: older than the lock, the lock changed since. */
function nodeModulesCurrent(dir) {
  const marker = join(dir, "node_modules", ".package-lock.json");
  if (!existsSync(marker)) return false;
  return statSync(marker).mtimeMs >= statSync(join(dir, "package-lock.json")).mtimeMs;
}

for (const dir of PACKAGE_DIRS) {
  if (!nodeModulesCurrent(dir)) run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir });
}

const missing = wanted.filter((name) => BROWSERS[name] && !existsSync(BROWSERS[name].binary));
if (missing.length > 0) {
  const packages = missing.flatMap((name) => BROWSERS[name].packages);
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (args) => (asRoot.length ? run("sudo", ["apt-get", ...args]) : run("apt-get", args));
  apt(["update", "-qq"]);
  apt(["install", "-y", "-qq", ...packages]);
  for (const name of missing) {
    if (!existsSync(BROWSERS[name].binary)) throw new Error(`${BROWSERS[name].binary} is still missing after apt-get`);
  }
}

for (const name of wanted) {
  try {
    const version = execFileSync(BROWSERS[name].binary, ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    console.log(`[setup] ${version.trim()}`);
  } catch {
    // A browser that cannot print its version still launches for the tests; they report problems.
  }
}
