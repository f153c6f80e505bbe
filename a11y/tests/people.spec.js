// Every page of a person's record, the front door and "Ask for help" must have zero axe
// violations, with and without errors showing, and "Ask for help" must work by keyboard alone and
// without JavaScript.
const { test, expect } = require("@playwright/test");
const { expectNoViolations, openPerson, signIn } = require("../helpers");

async function checkEach(page, urls) {
  for (const url of urls) {
    const answer = await page.goto(url);
    expect(answer.status(), url).toBe(200);
    await expect(page.locator("h1")).toHaveCount(1);
    await expectNoViolations(page, url);
  }
}

test("every page of a record has no violations", async ({ page }) => {
  await signIn(page, "Practitioner");
  const jack = await openPerson(page, "Jack Nettleton");
  await expect(page.locator("h1")).toContainText("Jack Nettleton");
  await checkEach(
    page,
    [
      "",
      "/details",
      "/story",
      "/addresses/new",
      "/contacts",
      "/network",
      "/network/new",
      "/connections/new",
      "/representatives/new",
      "/warnings/new",
      "/notes",
      "/notes?significant=yes",
      "/notes/new",
      "/work",
      "/conversations/new",
      "/tasks/new",
    ].map((section) => `${jack}${section}`),
  );
  await page.goto(`${jack}/notes`);
  await page.locator("main h2 a").first().click();
  await expect(page.getByRole("heading", { name: "Correct it" })).toBeVisible();
  await expectNoViolations(page, "a note");
  await checkEach(page, ["/people", "/people/new", "/my-work", "/held"]);
});

test("a record's forms with errors have no violations", async ({ page }) => {
  await signIn(page, "Practitioner");
  const jack = await openPerson(page, "Jack Nettleton");
  await page.goto(`${jack}/notes/new`);
  await page.getByRole("button", { name: "Save the note" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "note with errors");
  await page.goto(`${jack}/conversations/new`);
  await page.locator('[name="kind"][value="3"]').check();
  await page.getByRole("button", { name: "Start the conversation" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("long-term support waits for it");
  await expectNoViolations(page, "the crisis rule");
  for (const [section, button] of [
    ["/details", "Save their details"],
    ["/addresses/new", "Save the address"],
    ["/network/new", "Add them"],
    ["/representatives/new", "Add them"],
    ["/warnings/new", "Add the warning"],
    ["/tasks/new", "Add the task"],
  ]) {
    await page.goto(`${jack}${section}`);
    if (section === "/details") await page.locator('[name="family_name"]').fill("");
    await page.getByRole("button", { name: button }).click();
    await expect(page.locator(".govuk-error-summary"), section).toBeVisible();
    await expectNoViolations(page, `${section} with errors`);
  }

  await page.goto("/people/new");
  await page.getByRole("button", { name: "Make the record" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "new record with errors");
});

test("a restricted record shows as such and offers breaking the glass, with no violations", async ({ browser }) => {
  // Search shows only that a restricted record matched: no name, no reference, no link.
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "Practitioner");
  await page.goto("/people?name=Whitlock");
  await expect(page.getByText("A restricted record")).toBeVisible();
  await expect(page.getByText("P-DEMO-HLDA")).toHaveCount(0);
  await expectNoViolations(page, "search with a restricted record");
  // Where it is, as the governance lead finds it (a link in a note would lead there too).
  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, "Information governance lead");
  await lead.goto("/governance?reference=P-DEMO-HLDA");
  const hilda = new URL(lead.url()).pathname.replace("/governance/people/", "/people/");
  // The record itself answers "you do not work with this person", with the glass to break.
  const answer = await page.goto(`${hilda}/network`);
  expect(answer.status()).toBe(403);
  await expect(page.locator("h1")).toHaveText("You do not work with this person");
  await expectNoViolations(page, "break the glass");
  await page.getByRole("button", { name: "Break the glass and open the record" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "break the glass with errors");
});

test("saving over someone else's change, and an answer too long, are explained with no violations", async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  await signIn(first, "Practitioner");
  const jack = await openPerson(first, "Jack Nettleton");
  const second = await (await browser.newContext()).newPage();
  await signIn(second, "Team manager");
  await first.goto(`${jack}/story`);
  await second.goto(`${jack}/story`);
  await first.locator('[name="what_matters"]').fill("The football on Saturdays");
  await first.getByRole("button", { name: "Save" }).click();
  await second.locator('[name="what_matters"]').fill("Beryl coming home");
  await second.getByRole("button", { name: "Save" }).click();
  await expect(second.locator("#changed-meanwhile")).toContainText("after this page was opened");
  await expect(second.locator('[name="what_matters"]')).toHaveValue("Beryl coming home");
  await expectNoViolations(second, "changed meanwhile");
  await first.goto(`${jack}/details`);
  await first.locator('[name="preferred_name"]').evaluate((el) => (el.value = "x".repeat(5000)));
  await first.getByRole("button", { name: "Save their details" }).click();
  await expect(first.locator("h1")).toHaveText("Some of what you typed is too long");
  await expectNoViolations(first, "too long");
});

test("the front door, from a call to triage, has no violations", async ({ page }) => {
  await signIn(page, "Practitioner");
  await checkEach(page, ["/front-door", "/front-door/contacts/new"]);
  await page.getByRole("button", { name: "Save the contact" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "contact with errors");

  await page.locator('[name="given_name"]').fill("Wilfred");
  await page.locator('[name="family_name"]').fill(`Axecheck${Date.now()}`);
  await page.locator('[name="requester_name"]').fill("Nia Axecheck");
  await page.locator('[name="requester_phone"]').fill("01632 960 111");
  await page.locator('[name="what_is_happening"]').fill("Wilfred is not eating since his wife died.");
  await page.locator('[name="urgency"][value="soon"]').check();
  await page.locator('[name="person_knows"][value="yes"]').check();
  await page.locator('[name="consent"][value="agrees"]').check();
  await page.locator('[name="requester_type"][value="family-friend-neighbour"]').check();
  await page.getByRole("button", { name: "Save the contact" }).click();
  await expect(page).toHaveURL(/\/front-door\/contacts\/[^/]+$/);
  await expectNoViolations(page, "a contact");
  await page.getByRole("button", { name: "Make a record from this contact" }).click();
  await page.getByRole("button", { name: "Save and finish" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(page, "triage with errors");
});

test("a manager's, an administrator's and the governance lead's pages have no violations", async ({ browser }) => {
  const manager = await (await browser.newContext()).newPage();
  await signIn(manager, "Team manager");
  const jack = await openPerson(manager, "Jack Nettleton");
  await checkEach(manager, ["/team", `${jack}/allocate`, `${jack}/merge`]);
  const administrator = await (await browser.newContext()).newPage();
  await signIn(administrator, "Administrator");
  await checkEach(administrator, ["/admin/teams", "/admin/practice", "/admin/council"]);
  await administrator.goto("/admin/teams");
  await administrator.locator("main table a").first().click();
  await expect(administrator.locator("h1")).toHaveCount(1);
  await expectNoViolations(administrator, "a team");
  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, "Information governance lead");
  const governed = jack.replace("/people/", "/governance/people/");
  await checkEach(lead, ["/governance", governed, `${governed}/export`]);
});

test.describe("Ask for help", () => {
  test("has no violations, with and without errors", async ({ page }) => {
    await checkEach(page, ["/ask-for-help"]);
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.locator(".govuk-error-summary")).toBeVisible();
    await expect(page.locator(".govuk-error-summary")).toBeFocused();
    await expectNoViolations(page, "ask for help with errors");
  });

  test("can be filled in and sent by keyboard alone", async ({ page }) => {
    await page.goto("/ask-for-help");
    await page.locator('[name="for_self"][value="yes"]').focus();
    await page.keyboard.press("Space");
    await page.locator('[name="given_name"]').focus();
    await page.keyboard.type("Enid");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Keyboardson");
    await page.locator('[name="phone"]').focus();
    await page.keyboard.type("07700 900 123");
    await page.locator('[name="what_is_happening"]').focus();
    await page.keyboard.type("I need help getting out of the bath.");
    await page.locator('[name="urgency"][value="not-urgent"]').focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "Send" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText(/C-[A-Z0-9]{4}-[A-Z0-9]{4}/)).toBeVisible();
    await expectNoViolations(page, "request sent");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("sends a request", async ({ page }) => {
      await page.goto("/ask-for-help");
      await page.locator('[name="for_self"][value="no"]').check();
      await page.locator('[name="given_name"]').fill("Percy");
      await page.locator('[name="family_name"]').fill("Noscript");
      await page.locator('[name="requester_name"]').fill("June Noscript");
      await page.locator('[name="requester_phone"]').fill("01632 960 222");
      await page.locator('[name="person_knows"][value="yes"]').check();
      await page.locator('[name="what_is_happening"]').fill("My dad cannot manage the stairs any more.");
      await page.locator('[name="urgency"][value="soon"]').check();
      await page.getByRole("button", { name: "Send" }).click();
      await expect(page.getByText(/C-[A-Z0-9]{4}-[A-Z0-9]{4}/)).toBeVisible();
    });
  });
});
