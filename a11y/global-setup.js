// Starts a real `hearth serve` on a fresh SQLite database with the demo council, and records the
// demo accounts it prints, so the specs sign in exactly as a new user would.
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

module.exports = async () => {
  const binary = process.env.HEARTH_BIN || path.resolve(__dirname, "../target/debug/hearth");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-a11y-"));
  const url = new URL(process.env.HEARTH_A11Y_URL || "http://127.0.0.1:18080");
  const server = spawn(binary, ["serve", "--listen", url.host], {
    // Every spec signs in from 127.0.0.1, as a whole office behind one address would: more than
    // the default 30 sign-ins in 5 minutes. The limit itself is tested in the web tests.
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${dir}/a11y.db`,
      HEARTH_LOG: "warn",
      HEARTH_SIGN_IN_RATE_LIMIT: "1000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const accounts = {};
  await new Promise((resolve, reject) => {
    let console = "";
    const timer = setTimeout(() => reject(new Error(`hearth did not start:\n${console}`)), 30_000);
    server.on("exit", (code) => reject(new Error(`hearth exited with ${code}:\n${console}`)));
    server.stdout.on("data", (chunk) => {
      console += chunk.toString();
      for (const line of console.split("\n")) {
        const match = line.match(/^\s+(.+?)\s{2,}(\S+@\S+)\s+password: (\S+)$/);
        if (match) accounts[match[1]] = { email: match[2], password: match[3] };
      }
      if (console.includes("Hearth is running at")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  server.stdout.resume();
  fs.writeFileSync(path.join(__dirname, ".accounts.json"), JSON.stringify(accounts, null, 2));
  fs.writeFileSync(path.join(__dirname, ".server.pid"), String(server.pid));
  server.unref();
};
