import { systemActor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import * as repo from "./repo.js";
import { getReport, moveReport, publishReport, startReport } from "./report-service.js";
import { saveSectionText, setSectionReady } from "./section-service.js";

/** What the demo report says, by section: the seed programme's last year, written, approved and published. */
const demoTexts: Record<string, string> = {
  Inledning:
    "Programmets sista år. Kommunen har arbetat med företagsklimatet, kommunikationen med företagen och kompetensförsörjningen, tillsammans med näringslivsrådet och kommunerna i Business Region Örebro.\n\nDen här rapporten följer upp vad åtgärderna uppnådde och hur indikatorerna utvecklades.",
  Företagsklimat:
    "Handläggningen av bygglov blev snabbare och fler företag fick svar inom utlovad tid. Företagsbesöken fortsatte med samma takt som året innan.",
  Kommunikation: "Nyhetsbrevet kom ut varje månad och frukostmötena samlade fler företagare än tidigare år.",
  Kompetensförsörjning: "Fler praktikplatser än målet; nästan var tredje praktik ledde till en anställning.",
  Avslutning: "Ett nytt program för 2024–2027 tar vid. Förslaget är att behålla de tre fokusområdena och mäta väntetiderna i företagslotsen som en indikator.",
};

/** The demo's published report over the seed programme's last year, so that a newcomer can open its DOCX and PDF. */
export async function seedReportDemo(db: Db, scope: Scope, log: (message: string) => void): Promise<void> {
  const ctx: OperationContext = { db, actor: systemActor("demo"), scope };
  const programme = (await inScope(db, scope, (tx) => repo.listProgrammesWithReports(tx))).find(
    (candidate) => candidate.status === "adopted" && candidate.name.includes("2020") && !candidate.years.includes(2023),
  );
  if (!programme) {
    return;
  }
  const report = await startReport(ctx, programme.id, 2023);
  for (const section of (await getReport(ctx, report.id)).sections) {
    const text = demoTexts[section.title];
    if (text) {
      await saveSectionText(ctx, section.id, text);
    }
    await setSectionReady(ctx, section.id, true);
  }
  await moveReport(ctx, report.id, "submit");
  await moveReport(ctx, report.id, "approve");
  await publishReport(ctx, report.id, 2023, "", { demo: true });
  log("Demo report loaded: the 2023 follow-up report, published, as DOCX and PDF");
}
