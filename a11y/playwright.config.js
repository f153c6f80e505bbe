// Hearth's browser suite. It drives Debian's Chromium (installed by .ci/run); Playwright never
// downloads a browser of its own.
const { defineConfig } = require("@playwright/test");

module.exports = defineConfig({
  testDir: "./tests",
  globalSetup: require.resolve("./global-setup.js"),
  globalTeardown: require.resolve("./global-teardown.js"),
  timeout: 60_000,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL: process.env.HEARTH_A11Y_URL || "http://127.0.0.1:18080",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
