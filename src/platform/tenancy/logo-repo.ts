import type { ScopedTx } from "../db/database.js";
import type { MunicipalityLogoTable } from "../db/schema.js";

export function findLogo(tx: ScopedTx, municipalityId: string): Promise<Pick<MunicipalityLogoTable, "content" | "content_type"> | undefined> {
  return tx.selectFrom("municipality_logos").select(["content", "content_type"]).where("municipality_id", "=", municipalityId).executeTakeFirst();
}

export async function saveLogo(tx: ScopedTx, row: Omit<MunicipalityLogoTable, "updated_at">, version: string): Promise<void> {
  await tx
    .insertInto("municipality_logos")
    .values({ ...row, updated_at: new Date() })
    .onConflict((conflict) =>
      conflict.column("municipality_id").doUpdateSet({ content: row.content, content_type: row.content_type, filename: row.filename, updated_at: new Date() }),
    )
    .execute();
  await tx.updateTable("municipalities").set({ logo_version: version, updated_at: new Date() }).where("id", "=", row.municipality_id).execute();
}

export async function removeLogo(tx: ScopedTx, municipalityId: string): Promise<boolean> {
  const removed = await tx.deleteFrom("municipality_logos").where("municipality_id", "=", municipalityId).executeTakeFirst();
  await tx.updateTable("municipalities").set({ logo_version: null, updated_at: new Date() }).where("id", "=", municipalityId).execute();
  return removed.numDeletedRows > 0n;
}
