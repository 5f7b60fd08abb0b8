import type { Db } from "../../src/platform/db/database.js";
import { inScope } from "../../src/platform/db/database.js";
import * as handling from "../../src/modules/desk/handling-service.js";
import * as desk from "../../src/modules/desk/service.js";
import * as settings from "../../src/modules/desk/settings-service.js";
import { systemContext, type TestMunicipality } from "./factories.js";
import { testSecret } from "../global-setup.js";

export interface DeskRecords {
  deskPolicy: string;
  deskCategory: string;
  case: string;
  caseMessage: string;
  caseFile: string;
  statusToken: string;
}

export const deskLinks = (municipality: TestMunicipality) => ({ base: `http://${municipality.host}`, municipality: "Testkommun", secret: testSecret });

/** A small PDF: enough of a signature for the content check. */
export const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

let counter = 0;

/** A policy, a category on the unit, and a case registered by staff with a file and a note. */
export async function buildDeskRecords(
  db: Db,
  municipality: TestMunicipality,
  options: {
    unitId: string;
    collaboratorUnitId?: string;
    statutory?: "pbl_decision" | null;
    policy?: { target_unit: "hours" | "days"; first_response?: number; update?: number; resolution?: number };
  },
): Promise<DeskRecords> {
  counter += 1;
  const ctx = systemContext(db, municipality);
  const deskPolicy = await settings.savePolicy(ctx, null, {
    name: `Tidsmål ${counter}`,
    ...(options.policy ?? { target_unit: "hours", first_response: 4, update: 16, resolution: 40 }),
  });
  const deskCategory = await settings.saveCategory(ctx, null, {
    name_sv: `Område ${counter}`,
    name_en: `Area ${counter}`,
    default_unit_id: options.unitId,
    sla_policy_id: deskPolicy,
    urgent_policy_id: null,
    statutory: options.statutory ?? null,
    position: counter,
    active: true,
  });
  const created = await desk.registerCase(
    ctx,
    {
      org_number: null,
      company_name: "Testbolaget AB",
      name: "Tea Testare",
      email: "tea@example.se",
      phone: null,
      category_id: deskCategory,
      subject: "Fråga om lokal",
      description: "Finns det lokaler?",
      channel: "phone",
      priority: "normal",
      language: "sv",
    },
    [{ filename: "ritning.pdf", contentType: "application/pdf", content: pdf }],
    "sv",
    deskLinks(municipality),
  );
  await handling.addNote(ctx, created.id, "Ring tillbaka", []);
  if (options.collaboratorUnitId) {
    await handling.addCollaborator(ctx, created.id, options.collaboratorUnitId);
  }
  const detail = await desk.getCase(ctx, created.id);
  return {
    deskPolicy,
    deskCategory,
    case: created.id,
    caseMessage: detail.messages[0]!.id,
    caseFile: detail.attachments[0]!.id,
    statusToken: new URL(
      desk.statusUrl(deskLinks(municipality), await inScope(db, { municipalityId: municipality.id }, (tx) => desk.loadCase(tx, created.id))),
    ).pathname
      .split("/")
      .pop()!,
  };
}

/** A multipart body as a browser sends a form with files. */
export function multipart(
  fields: Record<string, string | string[]>,
  files: Array<{ name?: string; filename: string; content: Buffer; type?: string }> = [],
): { payload: Buffer; contentType: string } {
  const boundary = "----lotsen-desk-boundary";
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${item}\r\n`));
    }
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? "files"}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      file.content,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
