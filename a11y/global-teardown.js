const fs = require("node:fs");
const path = require("node:path");

module.exports = async () => {
  const pidFile = path.join(__dirname, ".server.pid");
  if (fs.existsSync(pidFile)) {
    try {
      process.kill(Number(fs.readFileSync(pidFile, "utf8")));
    } catch {
      // Already stopped.
    }
    fs.rmSync(pidFile);
  }
};
