// Every page, signed out and signed in as each role, must have zero axe violations against
// WCAG 2.0, 2.1 and 2.2, levels A and AA.
const { test, expect } = require("@playwright/test");

const { expectNoViolations, signIn } = require("../helpers");

test.describe("signed out", () => {
  for (const url of [
    "/",
    "/accessibility",
    "/cookies",
    "/privacy",
    "/ask-for-help?for=carer",
    "/find-support?q=zqxjvw",
    "/sign-in",
    "/signed-out",
    "/no-such-page",
    "/find-support",
    "/find-support?q=carers",
    "/find-support?postcode=QW1+1AA&distance=3",
    "/find-support?q=social&postcode=QW1&distance=10&free=yes&day=Friday",
    "/find-support?postcode=QW9+9ZZ",
  ]) {
    test(`${url} has no violations`, async ({ page }) => {
      await page.goto(url);
      await expect(page.locator("h1")).toHaveCount(1);
      await expectNoViolations(page, url);
    });
  }

  test("sign-in errors link to their fields and have no violations", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveTitle(/^Error: Sign in/);
    const summary = page.locator(".govuk-error-summary");
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await summary.getByRole("link", { name: "Enter your email address" }).click();
    await expect(page.getByLabel("Email address")).toBeFocused();
    await expectNoViolations(page, "sign-in with errors");
  });
});

test("a directory service page has no violations and the search form works by keyboard", async ({ page }) => {
  await page.goto("/find-support");
  await page.getByLabel("What are you looking for?").fill("memory");
  await page.getByLabel("Free only").check();
  await page.getByLabel("Free only").press("Enter");
  await expect(page.getByRole("status")).toContainText("Showing 1 to");
  await page.getByRole("link", { name: "Memory café" }).click();
  await expect(page.locator("h1")).toContainText("Memory café");
  await expectNoViolations(page, "service page");
});

test("the shortlist works without JavaScript and has no violations", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/find-support?q=lunch");
  await page.getByRole("button", { name: "Add Over-60s lunch club to shortlist" }).click();
  // Back at the same result, which says what happened and links to the shortlist.
  await expect(page).toHaveURL(/q=lunch.*#result-/);
  await expect(page.getByRole("status").filter({ hasText: "Added to" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Your shortlist (1)", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Your shortlist (1)", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Over-60s lunch club" })).toBeVisible();
  await context.close();
});

test("a result just added to the shortlist says so, and has no violations", async ({ page }) => {
  await page.goto("/find-support?q=lunch");
  await page.getByRole("button", { name: "Add Over-60s lunch club to shortlist" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to" })).toBeVisible();
  await expectNoViolations(page, "a result just added to the shortlist");
  await page.locator(".hearth-result h2 a").first().click();
  await expect(page.getByRole("link", { name: "Get directions" }).first()).toBeVisible();
  await expectNoViolations(page, "a service page opened from a search");
  await page.getByRole("link", { name: "Back to find support" }).click();
  await expect(page).toHaveURL(/q=lunch/);
});

test("reporting a problem, and the editors' queue, have no violations", async ({ page }) => {
  await page.goto("/find-support?q=walks");
  await page.locator(".hearth-result a").first().click();
  await page.getByRole("link", { name: "Report a problem with this page" }).click();
  await expectNoViolations(page, "report form");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "report form with errors");
  await page.getByLabel("What is wrong?").fill("The walk now starts at 11am");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("heading", { name: "Thank you for telling us" })).toBeVisible();
  await expectNoViolations(page, "report sent");
  await signIn(page, "Directory editor");
  await page.goto("/directory");
  await expect(page.getByText("The walk now starts at 11am")).toBeVisible();
  await expectNoViolations(page, "directory editing");
});

test("the shortlist page has no violations", async ({ page }) => {
  await page.goto("/find-support?q=memory");
  await page.getByRole("button", { name: "Add Memory café to shortlist" }).click();
  await page.goto("/find-support/shortlist");
  await expect(page.getByRole("heading", { name: "Memory café" })).toBeVisible();
  await expectNoViolations(page, "shortlist");
});

test("search results reflow at 320 pixels wide", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const noSidewaysScroll = async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
  };
  await page.goto("/find-support?q=carers&postcode=QW1+1AA");
  await noSidewaysScroll();
  await page.locator(".hearth-result a").first().click();
  await expect(page.getByRole("heading", { name: "Get in touch" })).toBeVisible();
  await noSidewaysScroll();
});

test.describe("signed in as an administrator", () => {
  test("every administration page has no violations", async ({ page }) => {
    await signIn(page, "Administrator");
    for (const url of ["/staff", "/admin/users", "/admin/users/new", "/admin/roles", "/admin/audit", "/admin/audit?action=sign-in"]) {
      await page.goto(url);
      await expect(page.locator("h1")).toHaveCount(1);
      await expectNoViolations(page, url);
    }
    await page.goto("/admin/users");
    await page.locator("table a").first().click();
    await expect(page.getByRole("heading", { name: "Roles" })).toBeVisible();
    await expectNoViolations(page, "a staff account");

    await page.goto("/admin/users/new");
    await page.getByRole("button", { name: "Add account" }).click();
    await expect(page.locator(".govuk-error-summary")).toBeVisible();
    await expectNoViolations(page, "add account with errors");

    await page.goto("/admin/audit?from=31/02/2026");
    await expect(page.locator(".govuk-error-summary")).toBeVisible();
    await expectNoViolations(page, "audit search with errors");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();
    await expectNoViolations(page, "signed out");
  });
});

const ROLES = [
  "Practitioner",
  "Team manager",
  "Safeguarding adults manager",
  "Finance officer",
  "Directory editor",
  "Provider editor",
  "Performance analyst",
];

for (const role of ROLES) {
  test(`${role}: home and refused pages have no violations`, async ({ page }) => {
    await signIn(page, role);
    await expectNoViolations(page, `${role} home`);
    await expect(page.getByRole("link", { name: "Staff accounts" })).toHaveCount(0);
    const refused = await page.goto("/admin/users");
    expect(refused.status()).toBe(403);
    await expectNoViolations(page, `${role} refused`);
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("signing in, administration and signing out all work", async ({ page }) => {
    await signIn(page, "Administrator");
    await page.goto("/admin/users/new");
    await page.getByLabel("Full name").fill("Jo Testcase");
    await page.getByLabel("Work email address").fill(`jo.${Date.now()}@wrenfield.example`);
    await page.getByLabel("Practitioner").check();
    await page.getByLabel("First password").fill("a long enough password");
    await page.getByRole("button", { name: "Add account" }).click();
    // axe itself needs JavaScript, so this journey checks behaviour only; the same pages are
    // checked with axe above.
    await expect(page.getByText("Account added")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Practitioner" })).toBeChecked();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();
  });
});

test("a provider's change and the editor's approval have no violations", async ({ browser }) => {
  const provider = await (await browser.newContext()).newPage();
  await signIn(provider, "Provider editor");
  await provider.goto("/directory/services");
  await expectNoViolations(provider, "provider's entries");
  await provider.locator("table a").first().click();
  await expectNoViolations(provider, "provider's entry summary");
  await provider.getByRole("link", { name: "Change about the service" }).click();
  await expect(provider.getByRole("button", { name: "Send for approval" })).toBeVisible();
  await expectNoViolations(provider, "edit form");
  const name = provider.getByLabel("Name", { exact: true });
  const original = await name.inputValue();
  await name.fill("");
  await provider.getByRole("button", { name: "Send for approval" }).click();
  await expect(provider.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(provider, "edit form with errors");
  await provider.getByLabel("Name", { exact: true }).fill(original);
  await provider.getByLabel("What it is").fill("Now with a knitting circle on Fridays.");
  await provider.getByRole("button", { name: "Send for approval" }).click();
  await expect(provider.getByText("Sent for approval")).toBeVisible();
  await expectNoViolations(provider, "change sent");

  const editor = await (await browser.newContext()).newPage();
  await signIn(editor, "Directory editor");
  await editor.goto("/directory");
  await expectNoViolations(editor, "directory with a change waiting");
  await editor.getByRole("link", { name: original }).first().click();
  await expect(editor.getByText("Now with a knitting circle on Fridays.")).toBeVisible();
  await expectNoViolations(editor, "field-by-field difference");
  await editor.getByRole("button", { name: "Approve and publish" }).click();
  await expect(editor).toHaveURL(/\/directory\?done=1$/);
  await editor.goto("/directory/services?q=knitting");
  await expectNoViolations(editor, "editor's entries");
});

test("every part of a directory entry can be edited without violations", async ({ page }) => {
  await signIn(page, "Directory editor");
  await page.goto("/directory/services?q=walks");
  await page.getByRole("link", { name: /Health walks/ }).click();
  await expect(page.getByRole("heading", { name: "Opening times" })).toBeVisible();
  await expectNoViolations(page, "entry summary");
  const entry = page.url();

  await page.getByRole("link", { name: "Change opening times" }).click();
  await expectNoViolations(page, "opening times");
  await page.getByLabel("Opens on Monday", { exact: true }).fill("nine");
  await page.getByLabel("Closes on Monday", { exact: true }).fill("5pm");
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "opening times with errors");
  await page.locator(".govuk-error-summary a").first().click();
  await expect(page.getByLabel("Opens on Monday", { exact: true })).toBeFocused();
  await page.getByLabel("Opens on Monday", { exact: true }).fill("9am");
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByText("Saved and published")).toBeVisible();
  await expectNoViolations(page, "entry saved");

  await page.getByRole("link", { name: "Add a place" }).click();
  await expectNoViolations(page, "add a place");
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "add a place with errors");

  for (const [link, what] of [["Change languages", "languages"], ["Change areas covered", "areas"], ["Change categories", "categories"]]) {
    await page.goto(entry);
    await page.getByRole("link", { name: link }).click();
    await expectNoViolations(page, what);
  }
  await page.getByLabel("Find a category by words").fill("carers");
  await page.getByRole("button", { name: "Find categories" }).click();
  await expect(page.getByText("Categories matching")).toBeVisible();
  await expectNoViolations(page, "categories found");

  await page.goto(entry);
  await page.getByRole("link", { name: "Change Wrenfield Park gates" }).click();
  await expectNoViolations(page, "change a place");

  for (const url of ["/directory/services/new", "/directory/organisations", "/directory/organisations/new"]) {
    await page.goto(url);
    await expect(page.locator("h1")).toHaveCount(1);
    await expectNoViolations(page, url);
  }
  await page.goto("/directory/organisations");
  await page.locator("table a").first().click();
  await expectNoViolations(page, "an organisation");
});

test("opening times reflow at 320 pixels wide", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signIn(page, "Directory editor");
  await page.goto("/directory/services?q=walks");
  await page.getByRole("link", { name: /Health walks/ }).click();
  await page.getByRole("link", { name: "Change opening times" }).click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "the times page scrolls sideways").toBeLessThanOrEqual(0);
});

// Answers every question of the estimate for a pensioner at home, checking each page on the way.
async function answerTheEstimate(page, check) {
  await page.goto("/paying-for-care");
  await check("estimate start");
  await page.getByRole("button", { name: "Start now" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await check("a question with an error");
  await page.getByLabel("At home, or out and about").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await check("age");
  await page.getByLabel("State Pension age or over").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#partner-no").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await check("children");
  await page.locator("#has_children-no").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await check("savings");
  await page.locator("#savings").fill("18,000");
  await page.getByRole("button", { name: "Continue" }).click();
  await check("benefits");
  await page.getByLabel("Attendance Allowance").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await check("benefit amounts");
  await page.locator("#aa_amount").fill("110.40");
  await page.locator("#aa_higher-yes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await check("pensions");
  await page.locator("#state_pension").fill("230.25");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#council_tax").fill("1800");
  await page.locator("#council_tax_period").selectOption("yearly");
  await page.getByRole("button", { name: "Continue" }).click();
  await check("disability costs");
  await page.getByRole("button", { name: "Continue" }).click();
  await check("night care");
  await page.locator("#night_care-no").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await check("check your answers");
  await page.getByRole("button", { name: "See your estimate" }).click();
  await expect(page.getByText("This is an estimate, not a bill")).toBeVisible();
  await check("the estimate");
  await page.getByText("How we worked this out").click();
  await expect(page.getByRole("heading", { name: "The law behind this estimate" })).toBeVisible();
  await check("the estimate's workings");
}

test("the estimate works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await answerTheEstimate(page, async () => {});
  await expect(page.getByRole("heading", { name: /You could pay up to £[0-9.,]+ a week/ })).toBeVisible();
  await page.getByRole("button", { name: "Ask for a financial assessment" }).click();
  await page.getByLabel("Your name").fill("Ada Example");
  await page.getByLabel("Phone number").fill("01632 960 321");
  await page.getByLabel("Send my answers from the estimate too").check();
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("heading", { name: "Request sent" })).toBeVisible();
  await context.close();
});

test("every page of the estimate and asking for an assessment has no violations", async ({ page }) => {
  await answerTheEstimate(page, (what) => expectNoViolations(page, what));
  await page.getByRole("button", { name: "Ask for a financial assessment" }).click();
  await expectNoViolations(page, "ask for an assessment");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "ask with errors");
  await page.getByLabel("Your name").fill("Bo Example");
  await page.getByLabel("Email address").fill("bo@example.org");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("heading", { name: "Request sent" })).toBeVisible();
  await expectNoViolations(page, "request sent");
});

test("the estimate reflows at 320 pixels wide", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await answerTheEstimate(page, async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
  });
});

test("a finance officer's pages have no violations", async ({ page }) => {
  await signIn(page, "Finance officer");
  await page.goto("/finance");
  await expectNoViolations(page, "financial assessments");
  await page.locator("table").first().locator("a").first().click();
  await expectNoViolations(page, "a request");
  await page.getByRole("button", { name: /Start an assessment/ }).click();
  await expect(page.getByRole("heading", { name: /Financial assessment:/ })).toBeVisible();
  await expectNoViolations(page, "the assessment's sections");
  await page.getByRole("link", { name: "The person", exact: true }).click();
  await expectNoViolations(page, "a section of the assessment");
  await page.getByRole("button", { name: "Save and go back to the sections" }).click();
  await expect(page.getByText("The person saved")).toBeVisible();
  await page.getByRole("link", { name: /^Check your answers/ }).click();
  // A new assessment cannot be worked out yet: the check says what is missing, linked.
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "check your answers with problems");
  for (const url of ["/finance/figures", "/finance/requests/new", "/finance/assessments/new"]) {
    await page.goto(url);
    await expect(page.locator("h1")).toHaveCount(1);
    await expectNoViolations(page, url);
  }
  await page.goto("/finance?status=complete");
  await page.locator("table").last().locator("a").first().click();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await expectNoViolations(page, "a completed assessment");
  await page.getByRole("link", { name: "The written record", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your financial assessment" })).toBeVisible();
  await expectNoViolations(page, "the written record");
  await page.goto("/finance/deferred-payments");
  await page.getByRole("button", { name: "Work it out" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "deferred payment with errors");
  await page.getByLabel("What the home is worth").fill("165,000");
  await page.getByLabel("The weekly fee the agreement helps pay").fill("900");
  await page.getByLabel(/Their weekly income counted/).fill("300");
  await page.getByRole("button", { name: "Work it out" }).click();
  await expect(page.getByRole("heading", { name: "The agreement" })).toBeVisible();
  await expectNoViolations(page, "deferred payment worked out");
});

test("the charging policy page has no violations", async ({ page }) => {
  await signIn(page, "Administrator");
  await page.goto("/admin/charging-policy");
  await expectNoViolations(page, "charging policy");
  await page.getByLabel("Share of disposable income charged, as a percentage").fill("120");
  await page.getByRole("button", { name: "Save the policy" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "charging policy with errors");
});

// Issue 16: every role's menu fits on one row on a 1280-pixel screen.
test.describe("the menu", () => {
  for (const role of [
    "Practitioner",
    "Team manager",
    "Administrator",
    "Directory editor",
    "Provider editor",
    "Information governance lead",
    "Finance officer",
  ]) {
    test(`fits on one row at 1280 pixels for a ${role.toLowerCase()}`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, role);
      const tops = await page
        .locator(".govuk-service-navigation__item")
        .evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
      expect(tops.length, "a menu").toBeGreaterThan(1);
      expect(new Set(tops).size, `one row: ${tops}`).toBe(1);
    });
  }
});
