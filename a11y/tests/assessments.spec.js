// Every assessment, plan and review page must have zero axe violations, with and without errors
// showing: a practitioner assesses Jack, a team manager approves, the letter, the plan with its
// services and budget, agreement (blocked by the crisis rule), capacity, and a carer's assessment.
const { test, expect } = require("@playwright/test");
const path = require("node:path");
const shots = path.join(__dirname, "..", "test-results", "journeys");
const { expectNoViolations, signIn } = require("../helpers");

async function as(browser, role) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, role);
  return page;
}

async function jackRecord(page) {
  await page.goto(`/people?name=${encodeURIComponent("Jack Nettleton")}`);
  await page.getByRole("link", { name: "Jack Nettleton" }).first().click();
  return page.url();
}

test("assessment, letter, plan and review pages have no violations", async ({ browser }) => {
  const worker = await as(browser, "Practitioner");
  const manager = await as(browser, "Team manager");
  const jack = await jackRecord(worker);
  await worker.goto(`${jack}/care`);
  await expectNoViolations(worker, "assessments and plans");

  // Start a needs assessment: the form, then the form with errors.
  await worker.getByText("Start an assessment").click();
  await worker.getByLabel("Needs assessment (Care Act 2014 section 9)").check();
  await worker.getByRole("button", { name: "Start the assessment" }).click();
  await expect(worker.locator("h1")).toContainText("Needs assessment");
  const assessment = worker.url();
  // A task list of sections, each a page of its own, then check your answers and send.
  await expect(worker.locator(".govuk-task-list")).toBeVisible();
  await expectNoViolations(worker, "the assessment's sections");
  await worker.screenshot({ path: path.join(shots, "assessment-sections-1280.png"), fullPage: true });
  await worker.getByRole("link", { name: "Check your answers and send" }).click();
  await expectNoViolations(worker, "check your answers");
  await worker.getByRole("button", { name: "Send for approval" }).click();
  await expect(worker.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(worker, "check your answers with errors");

  // Jack's answers, a section at a time, by keyboard and mouse as anyone would.
  await worker.locator(".govuk-error-summary a").first().click();
  await expect(worker.locator("#impairment-yes")).toBeVisible();
  await expectNoViolations(worker, "a section of the assessment");
  await worker.locator("#impairment-yes").check();
  await worker.locator("#condition_note").fill("Parkinson's disease");
  await worker.getByRole("button", { name: "Save and go back to the sections" }).click();
  await expect(worker.locator(".govuk-notification-banner")).toContainText("The assessment is saved");
  await worker.getByRole("link", { name: "The 10 outcomes" }).click();
  await worker.setViewportSize({ width: 375, height: 800 });
  await worker.screenshot({ path: path.join(shots, "assessment-outcomes-375.png"), fullPage: true });
  await worker.setViewportSize({ width: 1280, height: 900 });
  await worker.locator("#way-nutrition-without-help").check();
  await worker.locator("#way-personal-hygiene-pain-distress-anxiety").check();
  await worker.getByRole("button", { name: "Save and go back to the sections" }).click();
  await worker.getByRole("link", { name: "The effect on their wellbeing" }).click();
  await worker.locator("#significant_impact-yes").check();
  await worker.getByRole("button", { name: "Save and go back to the sections" }).click();
  await worker.screenshot({ path: path.join(shots, "assessment-sections-saved-1280.png"), fullPage: true });
  await worker.getByRole("link", { name: "Check your answers and send" }).click();
  await worker.screenshot({ path: path.join(shots, "assessment-check-1280.png"), fullPage: true });
  await worker.getByRole("button", { name: "Send for approval" }).click();
  await expect(worker.locator("h1")).toContainText("Waiting for approval");
  await expectNoViolations(worker, "an assessment waiting for approval");

  await manager.goto("/approvals");
  await expectNoViolations(manager, "approvals");
  await manager.goto(assessment);
  await expectNoViolations(manager, "an assessment to decide on");
  await manager.getByRole("button", { name: "Confirm" }).click();
  await expect(manager.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(manager, "a decision with errors");
  await manager.getByLabel("Approve, and issue the eligibility decision").check();
  await manager.getByRole("button", { name: "Confirm" }).click();
  await expect(manager.locator("h1")).toContainText("Completed");

  await worker.goto(`${assessment}/letter`);
  await expect(worker.locator("h1")).toContainText("Your assessment: what we decided");
  await expectNoViolations(worker, "the letter");
  for (const width of [1280, 375]) {
    await worker.setViewportSize({ width, height: 900 });
    await worker.screenshot({ path: path.join(shots, `eligibility-letter-${width}.png`), fullPage: true });
  }
  await worker.setViewportSize({ width: 1280, height: 900 });
  // The PDFs the page offers are PDFs, in both sizes.
  for (const name of ["Download the letter as a PDF", "Download it in large print"]) {
    const href = await worker.getByRole("link", { name }).getAttribute("href");
    const pdf = await worker.request.get(href);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
  }
  await worker.getByRole("button", { name: "Record the copy" }).click();
  await expectNoViolations(worker, "the letter's copy form with errors");

  // The plan: services (one with errors), the budget, sent for approval.
  await worker.goto(assessment);
  await worker.getByRole("button", { name: "Make the care and support plan" }).click();
  await expect(worker.locator("h1")).toContainText("Care and support plan");
  const plan = worker.url();
  await expectNoViolations(worker, "a plan being written");
  await worker.getByText("Add a service").click();
  await worker.getByRole("button", { name: "Add the service" }).click();
  await expectNoViolations(worker, "adding a service, with errors");
  await worker.goto(plan);
  await worker.getByText("Add a service").click();
  await worker.getByLabel("Kind of support").selectOption("lt-community");
  await worker.getByLabel("Service", { exact: true }).selectOption("home-support");
  await worker.getByLabel("Who provides it").fill("Brightwell Home Care");
  await worker.getByLabel("Hours, visits or days a week").fill("14");
  await worker.getByLabel("Cost of each, in pounds").fill("25.00");
  await worker.getByLabel("Starts").fill("04/01/2027");
  await worker.locator("#meets-personal-hygiene").check();
  await worker.getByRole("button", { name: "Add the service" }).click();
  await expect(worker.getByText("£350.00").first()).toBeVisible();
  await worker.getByLabel("Information and advice on reducing needs and preventing or delaying others").fill("The Saturday walking football group");
  await worker.getByRole("button", { name: "Save and send for approval" }).click();
  // Nutrition is not met by a service yet: say how it is met.
  await expect(worker.locator(".govuk-error-summary")).toContainText("Say how each need will be met");
  await expectNoViolations(worker, "a plan with errors");
  await worker.locator("#how-nutrition").fill("Derek brings a hot meal on weekdays");
  await worker.getByRole("button", { name: "Save and send for approval" }).click();
  await expect(worker.locator("h1")).toContainText("Waiting for a manager");
  await expectNoViolations(worker, "a plan waiting for approval");

  await manager.goto(plan);
  await manager.getByLabel("Approve", { exact: true }).check();
  await manager.getByRole("button", { name: "Confirm" }).click();
  await expect(manager.locator("h1")).toContainText("Approved");

  // The crisis rule stops the practitioner agreeing it: the error page is accessible too.
  await worker.goto(plan);
  await expectNoViolations(worker, "an approved plan");
  await worker.getByLabel("Day it starts").fill("04/01/2027");
  await worker.getByRole("button", { name: "Agree and put in place" }).click();
  await expect(worker.locator(".govuk-error-summary")).toContainText("crisis");
  await expectNoViolations(worker, "agreeing during a crisis, refused");

  await manager.goto(plan);
  await manager.getByLabel("Day it starts").fill("04/01/2027");
  await manager.getByLabel("Team managers: why long-term support is agreed during the crisis").fill("Beryl will not be coming home");
  await manager.getByRole("button", { name: "Agree and put in place" }).click();
  await expect(manager.locator("h1")).toContainText("In place");
  await expectNoViolations(manager, "a plan in place, with its reviews");
  await manager.getByRole("link", { name: "The person's copy of the plan" }).click();
  await expect(manager.locator("h1")).toContainText("Your care and support plan");
  await expectNoViolations(manager, "the person's copy of the plan");
  await manager.goto(plan);
  await manager.getByRole("button", { name: "Record the review" }).click();
  await expectNoViolations(manager, "a review with errors");
});

test("capacity, best interests and a carer's assessment have no violations", async ({ browser }) => {
  const worker = await as(browser, "Practitioner");
  const jack = await jackRecord(worker);
  await worker.goto(`${jack}/capacity/new`);
  await expectNoViolations(worker, "a capacity assessment");
  await worker.getByRole("button", { name: "Record the assessment" }).click();
  await expect(worker.locator(".govuk-error-summary")).toBeVisible();
  await expectNoViolations(worker, "a capacity assessment with errors");
  await worker.getByLabel("The decision").fill("Managing his money");
  for (const question of ["can_understand", "can_retain", "can_use_or_weigh", "can_communicate"]) {
    await worker.locator(`#${question}-${question === "can_retain" ? "no" : "yes"}`).check();
  }
  await worker.getByLabel(/the impairment of, or disturbance in/).fill("Parkinson's disease dementia");
  await worker.getByLabel("What was done to help them decide for themselves").fill("Two visits, with his son");
  await worker.getByRole("button", { name: "Record the assessment" }).click();
  await worker.getByRole("link", { name: /Record a best-interests decision/ }).first().click();
  await expectNoViolations(worker, "a best-interests decision");
  await worker.getByRole("button", { name: "Record the decision" }).click();
  await expectNoViolations(worker, "a best-interests decision with errors");

  await worker.goto(`${jack}/care`);
  await worker.getByText("Start an assessment").click();
  await worker.getByLabel(/Carer's assessment/).check();
  await worker.getByLabel("For a carer's assessment: who they care for").fill("Beryl Nettleton");
  await worker.getByRole("button", { name: "Start the assessment" }).click();
  await expect(worker.locator("h1")).toContainText("Carer's assessment");
  await expectNoViolations(worker, "a carer's assessment");
});
