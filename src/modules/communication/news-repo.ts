import type { Insertable, Selectable, Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { NewsPostTable } from "./tables.js";

export type NewsPost = Selectable<NewsPostTable>;

export const newsPageSize = 20;

/** Published posts, newest first; one more than a page tells whether there is a next. */
export async function listPublished(tx: ScopedTx, page: number, limit = newsPageSize): Promise<NewsPost[]> {
  return tx
    .selectFrom("news_posts")
    .selectAll()
    .where("publish_at", "<=", new Date())
    .orderBy("publish_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .offset((page - 1) * limit)
    .execute();
}

export async function findPublishedBySlug(tx: ScopedTx, slug: string): Promise<NewsPost | undefined> {
  return tx.selectFrom("news_posts").selectAll().where("slug", "=", slug).where("publish_at", "<=", new Date()).executeTakeFirst();
}

/** Every post for staff: drafts and scheduled first, then by publication. */
export async function listAll(tx: ScopedTx, page: number): Promise<NewsPost[]> {
  return tx
    .selectFrom("news_posts")
    .selectAll()
    .orderBy((eb) => eb.case().when("publish_at", "is", null).then(0).when("publish_at", ">", new Date()).then(1).else(2).end())
    .orderBy("publish_at", "desc")
    .orderBy("updated_at", "desc")
    .limit(newsPageSize + 1)
    .offset((page - 1) * newsPageSize)
    .execute();
}

export async function findPost(tx: ScopedTx, id: string): Promise<NewsPost | undefined> {
  return tx.selectFrom("news_posts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function slugTaken(tx: ScopedTx, slug: string, exceptId: string | null): Promise<boolean> {
  let query = tx.selectFrom("news_posts").select("id").where("slug", "=", slug);
  if (exceptId) {
    query = query.where("id", "<>", exceptId);
  }
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertPost(tx: ScopedTx, values: Insertable<NewsPostTable>): Promise<void> {
  await tx.insertInto("news_posts").values(values).execute();
}

export async function updatePost(tx: ScopedTx, id: string, values: Updateable<NewsPostTable>): Promise<void> {
  await tx
    .updateTable("news_posts")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deletePost(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("news_posts").where("id", "=", id).execute();
}
