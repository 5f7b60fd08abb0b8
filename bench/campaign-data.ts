import { sql } from "kysely";
import { inScope, type Db, type Scope } from "../src/platform/db/database.js";

export const benchSubject = "Näringslivsnytt december";
export const benchBody =
  "Hej!\n\nHär är månadens nyheter från näringslivsenheten.\n\n## Frukostmöte\n\nVälkommen på **frukostmöte** om kompetensförsörjning den 8 december. [Anmäl dig här](https://askersund.se/evenemang).\n\n- Nya lokaler i företagsparken\n- Upphandlingsdag i januari\n- Bredband till landsbygden\n";

/** `count` confirmed subscribers of one list, made by the database in one statement each. */
export async function generateSubscribers(db: Db, scope: Scope, listId: string, count: number): Promise<void> {
  await inScope(db, scope, async (tx) => {
    await sql`
      insert into subscribers (id, municipality_id, email, token_salt)
      select gen_random_uuid(), ${scope.municipalityId}, 'mottagare' || n || '@example.se', md5(n::text) from generate_series(1, ${count}) n`.execute(tx);
    await sql`
      insert into subscriptions (municipality_id, subscriber_id, list_id, status, consent_method, consent_source, confirmed_at)
      select ${scope.municipalityId}, id, ${listId}, 'confirmed', 'staff', 'bench', now() from subscribers where email like 'mottagare%@example.se'`.execute(
      tx,
    );
  });
}
