import { isMessageKey, type Lang, type Translate } from "../../ui/i18n.js";
import { formatDateTime } from "../../ui/format.js";

/**
 * Any part of a register extract as a page shows it: an object as a list of terms, a list
 * of records as one list each, a time in Swedish time. The extract's fields come from every
 * module; a field the catalogue names (`privacy.key.<field>`) is shown by that name, any
 * other in words made from the field's own name, so nothing a module adds is hidden.
 */
export function ExtractValue({ value, t, lang }: { value: unknown; t: Translate; lang: Lang }) {
  if (value === null || value === undefined || value === "") {
    return <>–</>;
  }
  if (value instanceof Date) {
    return <>{formatDateTime(value, lang)}</>;
  }
  if (typeof value === "boolean") {
    return <>{t(value ? "common.yes" : "common.no")}</>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return <>–</>;
    }
    if (value.every((item) => typeof item !== "object" || item === null)) {
      return <>{value.map((item) => String(item)).join(", ")}</>;
    }
    return (
      <ol class="extract-list">
        {value.map((item) => (
          <li>
            <ExtractValue value={item} t={t} lang={lang} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === "object") {
    return (
      <dl class="extract-fields">
        {Object.entries(value as Record<string, unknown>).map(([key, item]) => (
          <div>
            <dt>{fieldLabel(key, t)}</dt>
            <dd>
              <ExtractValue value={item} t={t} lang={lang} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{String(value)}</>;
}

export function fieldLabel(key: string, t: Translate): string {
  const named = `privacy.key.${key}`;
  if (isMessageKey(named)) {
    return t(named);
  }
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
