// What every spec shares: the axe check (WCAG 2.0, 2.1 and 2.2, levels A and AA) and signing in
// as a demo account, exactly as a new user would.
const { expect } = require("@playwright/test");
const AxeBuilder = require("@axe-core/playwright").default;
const fs = require("node:fs");
const path = require("node:path");

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const accounts = () => JSON.parse(fs.readFileSync(path.join(__dirname, ".accounts.json"), "utf8"));

async function expectNoViolations(page, what) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`);
  expect(summary, `${what} at ${page.url()}`).toEqual([]);
  expect(results.passes.length, "axe really ran").toBeGreaterThan(10);
}

async function signIn(page, role) {
  const account = accounts()[role];
  expect(account, `demo account for ${role}`).toBeTruthy();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

// Finds a walk-through person by name, as a practitioner would, and gives the record's address.
async function openPerson(page, name) {
  await page.goto(`/people?name=${encodeURIComponent(name)}`);
  await expectNoViolations(page, "search results");
  await page.getByRole("link", { name }).first().click();
  return page.url().replace(/\/break-glass$/, "");
}

module.exports = { WCAG, accounts, expectNoViolations, openPerson, signIn };
