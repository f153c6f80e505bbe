// Issue 16's journeys, walked as their users would, with a screenshot of each step at 1280 and
// 375 pixels wide kept as test output (a11y/test-results/journeys/, not in git) for a person to
// look at. The axe checks are in the other specs; these check that each journey reaches its end.
const { test, expect } = require("@playwright/test");
const path = require("node:path");
const { expectNoViolations, openPerson, signIn } = require("../helpers");

const shots = path.join(__dirname, "..", "test-results", "journeys");

async function shot(page, name) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a pensioner living alone checks what they might pay, and keeps the answer", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Paying for care" }).first().click();
  await page.getByRole("button", { name: "Start now" }).click();
  await page.getByLabel("At home, or out and about").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("State Pension age or over").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#partner-no").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await shot(page, "estimate-children");
  await page.locator("#has_children-no").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#savings").fill("20,000");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("None of these").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#state_pension").fill("230.25");
  await page.locator("#other_pensions").fill("400");
  await page.locator("#other_pensions_period").selectOption("monthly");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#council_tax").fill("1800");
  await page.locator("#council_tax_period").selectOption("yearly");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "See your estimate" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/You could pay up to £[0-9.,]+ a week/);
  await expect(page.getByText("we count £23.00 a week from your savings")).toBeVisible();
  await shot(page, "estimate-answer");
  await page.getByText("How we worked this out").click();
  await expect(page.getByRole("heading", { name: "The law behind this estimate" })).toBeVisible();
  await shot(page, "estimate-workings");
  await expect(page.getByRole("button", { name: "Print this estimate" })).toBeVisible();
  await page.getByRole("button", { name: "Send the estimate" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
});

test("a team manager sees each item once and allocates from the waiting list", async ({ page }) => {
  await signIn(page, "Team manager");
  await shot(page, "manager-home");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Team work" }).click();
  await expect(page.getByText("Longest wait first.").first()).toBeVisible();
  await shot(page, "team-work");
  const first = page.locator(".hearth-waiting__item").first();
  const name = (await first.locator("a").first().textContent()).trim();
  await first.locator("select").selectOption({ index: 1 });
  await first.getByRole("button", { name: `Allocate ${name}` }).click();
  await expect(page.getByText("They are now in the worker's caseload")).toBeVisible();
  await shot(page, "team-work-allocated");
});

test("a finance officer's record is a letter that can be posted", async ({ page }) => {
  await signIn(page, "Finance officer");
  await page.goto("/finance");
  const links = await page.locator("main a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  for (const link of links.filter((h) => h && /^\/finance\/assessments\/[^/]+$/.test(h))) {
    const response = await page.goto(`${link}/record`);
    if (response.status() !== 200) continue;
    await expect(page.getByRole("heading", { name: "The law behind this letter" })).toBeVisible();
    await shot(page, "finance-record");
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: path.join(shots, "finance-record-printed.png"), fullPage: true });
    await expect(page.locator(".govuk-footer")).toBeHidden();
    await page.emulateMedia({ media: "screen" });
    // The long form is a task list: one section a page, saved on its own, then check your answers.
    await page.goto(`${link}/edit`);
    await expectNoViolations(page);
    await shot(page, "finance-tasks");
    await page.getByRole("link", { name: "Capital", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Capital");
    await expectNoViolations(page);
    await shot(page, "finance-section");
    await page.getByRole("button", { name: "Save and go back to the sections" }).click();
    await expect(page).toHaveURL(/done=capital$/);
    await expect(page.getByText("Capital saved")).toBeVisible();
    await page.getByRole("link", { name: /^Check your answers/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Check your answers/);
    await expectNoViolations(page);
    await shot(page, "finance-check");
    return;
  }
  throw new Error("the demo has a completed financial assessment");
});

test("a carer on a phone searches, sees the results first, and filters them", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/find-support");
  await page.getByLabel("What are you looking for?").fill("memory");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  // The first result is on the first screen; the filters wait behind their button.
  // (Before, 17 checkboxes came first: the results began 2.6 screens down.)
  const status = await page.getByText(/^Showing 1 to/).boundingBox();
  expect(status.y).toBeLessThan(800);
  const toggle = page.getByRole("button", { name: "Filter", exact: true });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("group", { name: "Type of support" })).toBeHidden();
  await page.screenshot({ path: path.join(shots, "find-support-phone.png"), fullPage: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.getByLabel("Free only").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=memory/);
  await expect(page).toHaveURL(/free=yes/);
  await expect(page.getByRole("button", { name: "Filter (1 chosen)" })).toBeVisible();
  await page.screenshot({ path: path.join(shots, "find-support-filtered-phone.png"), fullPage: true });
  // On a wide screen the filters sit beside the results, with no button.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(page.getByRole("group", { name: "Type of support" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Filter/ })).toBeHidden();
  await page.screenshot({ path: path.join(shots, "find-support-1280.png"), fullPage: true });
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/free=yes/);
  await expect(page.getByLabel("What are you looking for?")).toHaveValue("memory");
});

test("a practitioner reads the network picture: names and relationships in the page's font", async ({ page }) => {
  await signIn(page, "Practitioner");
  const jack = await openPerson(page, "Jack Nettleton");
  await page.goto(`${jack}/network`);
  const picture = page.getByRole("img", { name: "Network picture for Jack Nettleton" });
  await expect(picture).toBeVisible();
  await expect(page.locator("#network-desc")).toContainText("Family: Beryl Nettleton (wife)");
  const wife = page.locator(".hearth-network__relationship", { hasText: "Wife" });
  await expect(wife).toBeVisible();
  const font = await wife.evaluate((el) => getComputedStyle(el).fontFamily);
  expect(font.toLowerCase()).toContain("arial");
  // Names are at least 16 pixels tall on a wide screen (before, 13 units shrunk to about 12).
  const name = page.locator(".hearth-network__name").first();
  expect((await name.boundingBox()).height).toBeGreaterThanOrEqual(15);
  await shot(page, "network");
});

test("a carer checks if they could get help, one question at a time, then asks", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Check if you could get help" }).click();
  await expectNoViolations(page, "the check's first question");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "a question with an error");
  await page.getByLabel("Me, as a carer: I look after an adult").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Yes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Is caring harming your health, or likely to?" })).toBeVisible();
  await page.getByLabel("Yes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await shot(page, "could-get-help-outcome");
  await expectNoViolations(page, "an outcome question");
  await page.getByLabel("I cannot do this without help, or without being reminded").check();
  await page.getByRole("button", { name: "Continue" }).click();
  while (await page.getByText("No, I manage this").count()) {
    await page.getByLabel("No, I manage this").check();
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await page.getByLabel("Yes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The council is likely to have to help");
  await expectNoViolations(page, "the check's answer");
  await shot(page, "could-get-help-answer");
  await page.getByRole("button", { name: "Ask for help" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ask for help as a carer");
  await expect(page.locator("#what_is_happening")).toHaveValue(/It said the council is likely to have to help/);
});

test("a practitioner changes the address of someone who acts for the person", async ({ page }) => {
  await signIn(page, "Practitioner");
  const jack = await openPerson(page, "Jack Nettleton");
  await page.goto(`${jack}/representatives/new`);
  await page.getByLabel("Their name").fill("Martin Nettleton");
  await page.getByLabel("Speaks for them informally, with their agreement").check();
  await page.getByLabel("Address line 1").fill("9 Mill Lane");
  await page.getByLabel("Postcode (optional)").fill("QW1 2BB");
  await page.getByRole("button", { name: "Add them" }).click();
  await expect(page).toHaveURL(/\/network$/);
  // Changed in place, not added again.
  await page.getByRole("link", { name: "Change what is recorded about Martin Nettleton" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change what is recorded about Martin Nettleton");
  await expectNoViolations(page, "changing a representative");
  await shot(page, "representative-change");
  await page.getByLabel("Address line 1").fill("4 Weir Row");
  await page.getByLabel("Postcode (optional)").fill("not a postcode");
  await page.getByRole("button", { name: "Save the changes" }).click();
  await expect(page.getByText("Enter a real postcode, like QW1 1AA").first()).toBeVisible();
  await expectNoViolations(page, "a representative's bad postcode");
  await page.getByLabel("Postcode (optional)").fill("QW1 3CC");
  await page.getByRole("button", { name: "Save the changes" }).click();
  await expect(page).toHaveURL(/\/network$/);
  await expect(page.getByText("4 Weir Row, QW1 3CC").first()).toBeVisible();
});
