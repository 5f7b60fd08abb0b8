import { diff, recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { stockholmInstant } from "../../platform/sweden/time.js";
import { focusAreaChoices } from "../programme/index.js";
import * as repo from "./news-repo.js";
import { authorizeCommunication } from "./policy.js";
import type { NewsInput } from "./schemas.js";

export type { NewsPost } from "./news-repo.js";
export { newsState, type NewsState } from "./presenter.js";

/** A readable address from the title: å, ä, ö and accents folded, everything else a dash. */
export function slugOf(title: string): string {
  const folded = title
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return folded === "" ? "nyhet" : folded;
}

export async function publishedPage(db: Db, scope: Scope, page: number): Promise<{ posts: repo.NewsPost[]; hasNext: boolean }> {
  const rows = await inScope(db, scope, (tx) => repo.listPublished(tx, page));
  return { posts: rows.slice(0, repo.newsPageSize), hasNext: rows.length > repo.newsPageSize };
}

/** The newest published posts, for the feeds. */
export async function latest(db: Db, scope: Scope, count: number): Promise<repo.NewsPost[]> {
  return (await inScope(db, scope, (tx) => repo.listPublished(tx, 1, count))).slice(0, count);
}

export async function publishedPost(db: Db, scope: Scope, slug: string): Promise<{ post: repo.NewsPost; focusAreas: string[] }> {
  return inScope(db, scope, async (tx) => {
    const post = await repo.findPublishedBySlug(tx, slug);
    if (!post) {
      throw new NotFoundError();
    }
    const names = new Map((await focusAreaChoices(tx)).map((area) => [area.id, area.name]));
    return { post, focusAreas: post.focus_area_ids.map((id) => names.get(id)).filter((name): name is string => name !== undefined) };
  });
}

export async function listPosts(ctx: OperationContext, page: number): Promise<{ posts: repo.NewsPost[]; hasNext: boolean }> {
  authorizeCommunication(ctx.actor, "communication.read");
  const rows = await inScope(ctx.db, ctx.scope, (tx) => repo.listAll(tx, page));
  return { posts: rows.slice(0, repo.newsPageSize), hasNext: rows.length > repo.newsPageSize };
}

export async function getPost(ctx: OperationContext, id: string): Promise<repo.NewsPost> {
  authorizeCommunication(ctx.actor, "communication.read");
  const post = isId(id) ? await inScope(ctx.db, ctx.scope, (tx) => repo.findPost(tx, id)) : undefined;
  if (!post) {
    throw new NotFoundError();
  }
  return post;
}

export async function focusAreas(ctx: OperationContext): Promise<Array<{ id: string; name: string; programme: string }>> {
  authorizeCommunication(ctx.actor, "communication.read");
  return inScope(ctx.db, ctx.scope, (tx) => focusAreaChoices(tx));
}

function publishAt(input: NewsInput): Date | null {
  if (input.publish_on === null) {
    if (input.publish_time !== null) {
      throw new ValidationError([{ path: "publish_on", message: "communication.date_for_time" }]);
    }
    return null;
  }
  return stockholmInstant(input.publish_on, input.publish_time ?? "00:00");
}

async function checked(tx: Parameters<typeof repo.findPost>[0], input: NewsInput, exceptId: string | null) {
  const known = new Set((await focusAreaChoices(tx)).map((area) => area.id));
  const unknown = input.focus_area_ids.find((id) => !known.has(id));
  if (unknown) {
    throw new ValidationError([{ path: "focus_area_ids", message: "invalid_choice" }]);
  }
  const slug = input.slug ?? slugOf(input.title);
  if (await repo.slugTaken(tx, slug, exceptId)) {
    throw new ValidationError([{ path: input.slug ? "slug" : "title", message: "communication.slug_taken" }]);
  }
  return {
    title: input.title,
    summary: input.summary,
    body: input.body,
    slug,
    language: input.language,
    focus_area_ids: input.focus_area_ids,
    publish_at: publishAt(input),
  };
}

export async function createPost(ctx: OperationContext, input: NewsInput): Promise<string> {
  authorizeCommunication(ctx.actor, "communication.news");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const values = await checked(tx, input, null);
    const id = newId();
    await repo.insertPost(tx, { id, municipality_id: ctx.scope.municipalityId, author_id: ctx.actor.kind === "user" ? ctx.actor.id : null, ...values });
    await recordAudit(tx, ctx.actor, { action: "news.created", recordType: "news_post", recordId: id, changes: diff(undefined, values) }, ctx.requestId);
    return id;
  });
}

export async function updatePost(ctx: OperationContext, id: string, input: NewsInput): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.news");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = isId(id) ? await repo.findPost(tx, id) : undefined;
    if (!before) {
      throw new NotFoundError();
    }
    const values = await checked(tx, input, id);
    await repo.updatePost(tx, id, values);
    await recordAudit(tx, ctx.actor, { action: "news.updated", recordType: "news_post", recordId: id, changes: diff(before, values) }, ctx.requestId);
  });
}

export async function deletePost(ctx: OperationContext, id: string): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.news");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = isId(id) ? await repo.findPost(tx, id) : undefined;
    if (!before) {
      throw new NotFoundError();
    }
    await repo.deletePost(tx, id);
    await recordAudit(tx, ctx.actor, { action: "news.deleted", recordType: "news_post", recordId: id, changes: { title: before.title } }, ctx.requestId);
  });
}
