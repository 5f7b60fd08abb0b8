import { createContext, type ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import type { Translate } from "../../i18n.js";

/** Messages by field name, already in the reader's language. */
export type FieldErrors = Record<string, string>;
/** What the user typed, to show again after an error. */
export type FormValues = Record<string, unknown>;

interface FieldBase {
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
  t: Translate;
  optional?: boolean;
}

const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

/**
 * A prefix for the ids of a form's fields, so that two forms on one page may both have a
 * `body` field (a reply and a note) without sharing an id.
 */
const IdPrefix = createContext("");
const useFieldId = (name: string) => fieldId(useContext(IdPrefix) + name);

function describedBy(name: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${useFieldId(name)}-hint` : "", error ? `${useFieldId(name)}-error` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function stringValue(values: FormValues | undefined, name: string): string {
  const value = values?.[name];
  if (value === undefined || value === null) {
    return "";
  }
  return Array.isArray(value) ? value.join(" ") : String(value);
}

function listValue(values: FormValues | undefined, name: string): string[] {
  const value = values?.[name];
  if (value === undefined || value === null || value === "") {
    return [];
  }
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function Label({ name, label, optional, t }: { name: string; label: string; optional?: boolean | undefined; t: Translate }) {
  return (
    <label class="label" for={useFieldId(name)}>
      {label}
      {optional ? <span class="optional"> {t("common.optional")}</span> : null}
    </label>
  );
}

function HintAndError({ name, hint, error, t }: { name: string; hint?: string | undefined; error?: string | undefined; t: Translate }) {
  return (
    <>
      {hint ? (
        <p class="hint" id={`${useFieldId(name)}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${useFieldId(name)}-error`}>
          <span class="visually-hidden">{t("error.prefix")} </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

/**
 * The summary at the top of a form in error: focusable, a link to each field
 * (GOV.UK's error summary pattern).
 */
export function ErrorSummary({ errors, t, idPrefix = "" }: { errors?: FieldErrors | undefined; t: Translate; idPrefix?: string }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) {
    return null;
  }
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} data-error-summary>
      <h2 id="error-summary-title">{t("error.summary_title")}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${fieldId(idPrefix + name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function TextField(
  props: FieldBase & {
    type?: "text" | "email" | "password" | "url" | "date" | "number";
    autocomplete?: string;
    inputmode?: "numeric" | "decimal" | "email" | "tel" | "url";
    /** The id of a `<datalist>` whose entries the field suggests (works without JavaScript). */
    list?: string;
  },
) {
  const error = props.errors?.[props.name];
  const keepValue = props.type !== "password";
  return (
    <div class={error ? "field has-error" : "field"}>
      <Label name={props.name} label={props.label} optional={props.optional} t={props.t} />
      <HintAndError name={props.name} hint={props.hint} error={error} t={props.t} />
      <input
        class="input"
        id={useFieldId(props.name)}
        name={props.name}
        // Preact's types split <input> by type; the attributes used here are valid for all of ours.
        type={(props.type ?? "text") as "text"}
        value={keepValue ? stringValue(props.values, props.name) : ""}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        list={props.list}
        aria-describedby={describedBy(props.name, props.hint, error)}
        aria-invalid={error ? "true" : undefined}
        required={props.optional ? undefined : true}
      />
    </div>
  );
}

export function TextArea(props: FieldBase & { rows?: number }) {
  const error = props.errors?.[props.name];
  return (
    <div class={error ? "field has-error" : "field"}>
      <Label name={props.name} label={props.label} optional={props.optional} t={props.t} />
      <HintAndError name={props.name} hint={props.hint} error={error} t={props.t} />
      <textarea
        class="textarea"
        id={useFieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 5}
        aria-describedby={describedBy(props.name, props.hint, error)}
        aria-invalid={error ? "true" : undefined}
      >
        {stringValue(props.values, props.name)}
      </textarea>
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
  /** Choices with a group are shown under it (an optgroup); consecutive ones share it. */
  group?: string;
}

export function Select(props: FieldBase & { choices: Choice[]; blank?: string }) {
  const error = props.errors?.[props.name];
  const selected = stringValue(props.values, props.name);
  return (
    <div class={error ? "field has-error" : "field"}>
      <Label name={props.name} label={props.label} optional={props.optional} t={props.t} />
      <HintAndError name={props.name} hint={props.hint} error={error} t={props.t} />
      <select
        class="select"
        id={useFieldId(props.name)}
        name={props.name}
        aria-describedby={describedBy(props.name, props.hint, error)}
        aria-invalid={error ? "true" : undefined}
      >
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {groupChoices(props.choices).map(({ group, choices }) => {
          const options = choices.map((choice) => (
            <option value={choice.value} selected={choice.value === selected}>
              {choice.label}
            </option>
          ));
          return group ? <optgroup label={group}>{options}</optgroup> : options;
        })}
      </select>
    </div>
  );
}

function groupChoices(choices: Choice[]): Array<{ group: string | undefined; choices: Choice[] }> {
  const groups: Array<{ group: string | undefined; choices: Choice[] }> = [];
  for (const choice of choices) {
    const last = groups[groups.length - 1];
    if (last && last.group === choice.group) {
      last.choices.push(choice);
    } else {
      groups.push({ group: choice.group, choices: [choice] });
    }
  }
  return groups;
}

/** One choice of several, as radio buttons in a fieldset; the first carries the field's id for the error summary. */
export function RadioGroup(props: FieldBase & { choices: Choice[] }) {
  const error = props.errors?.[props.name];
  const selected = stringValue(props.values, props.name);
  return (
    <div class={error ? "field has-error" : "field"}>
      <fieldset class="fieldset" aria-describedby={describedBy(props.name, props.hint, error)}>
        <legend class="label">{props.label}</legend>
        <HintAndError name={props.name} hint={props.hint} error={error} t={props.t} />
        {props.choices.map((choice, index) => {
          const id = index === 0 ? useFieldId(props.name) : `${useFieldId(props.name)}-${index}`;
          return (
            <div class="checkbox">
              <input type="radio" id={id} name={props.name} value={choice.value} checked={choice.value === selected} />
              <label for={id}>{choice.label}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** A group of checkboxes in a fieldset; the first box carries the field's id so the error summary can link to it. */
export function CheckboxGroup(props: FieldBase & { choices: Choice[] }) {
  const error = props.errors?.[props.name];
  const checked = new Set(listValue(props.values, props.name));
  const hintId = props.hint ? `${useFieldId(props.name)}-hint` : undefined;
  return (
    <div class={error ? "field has-error" : "field"}>
      <fieldset class="fieldset" aria-describedby={describedBy(props.name, props.hint, error)}>
        <legend class="label">
          {props.label}
          {props.optional ? <span class="optional"> {props.t("common.optional")}</span> : null}
        </legend>
        <HintAndError name={props.name} hint={props.hint} error={error} t={props.t} />
        {props.choices.map((choice, index) => {
          const id = index === 0 ? useFieldId(props.name) : `${useFieldId(props.name)}-${index}`;
          return (
            <div class="checkbox">
              <input
                type="checkbox"
                id={id}
                name={props.name}
                value={choice.value}
                checked={checked.has(choice.value)}
                aria-describedby={index === 0 ? hintId : undefined}
              />
              <label for={id}>{choice.label}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** One checkbox for a yes/no field: absent from the post means off. */
export function Checkbox(props: FieldBase & { checked: boolean }) {
  const error = props.errors?.[props.name];
  return (
    <div class={error ? "field has-error" : "field"}>
      <div class="checkbox">
        <input
          type="checkbox"
          id={useFieldId(props.name)}
          name={props.name}
          value="on"
          checked={props.checked}
          aria-describedby={describedBy(props.name, props.hint, error)}
        />
        <label for={useFieldId(props.name)}>{props.label}</label>
      </div>
      <HintAndError name={props.name} hint={props.hint} error={error} t={props.t} />
    </div>
  );
}

/** Where htmx may swap a form's answer in without a full page load; the form works the same without it. */
export interface HtmxSwap {
  get: string;
  target: string;
  select: string;
  pushUrl?: boolean;
  /** htmx's trigger; by default the form's submit. */
  trigger?: string;
}

/** A form posting to the server with its CSRF token; `novalidate` so the server's messages are the ones shown. */
export function Form({
  action,
  csrfToken,
  children,
  method = "post",
  class: className,
  htmx,
  files,
  idPrefix = "",
}: {
  action: string;
  csrfToken: string;
  children: ComponentChildren;
  method?: "post" | "get";
  class?: string;
  htmx?: HtmxSwap;
  files?: boolean;
  idPrefix?: string;
}) {
  const enhancement = htmx
    ? {
        "hx-get": htmx.get,
        "hx-target": htmx.target,
        "hx-select": htmx.select,
        "hx-swap": "outerHTML",
        "hx-push-url": htmx.pushUrl ? "true" : undefined,
        "hx-trigger": htmx.trigger,
      }
    : {};
  return (
    <form method={method} action={action} novalidate class={className} enctype={files ? "multipart/form-data" : undefined} {...enhancement}>
      {method === "post" ? <input type="hidden" name="_csrf" value={csrfToken} /> : null}
      <IdPrefix.Provider value={idPrefix}>{children}</IdPrefix.Provider>
    </form>
  );
}

/** A file field (the form needs `files`); files are never kept after an error, so the hint says to choose them again. */
export function FileField(props: Omit<FieldBase, "values"> & { multiple?: boolean; accept?: string }) {
  const error = props.errors?.[props.name];
  return (
    <div class={error ? "field has-error" : "field"}>
      <Label name={props.name} label={props.label} optional={props.optional} t={props.t} />
      <HintAndError name={props.name} hint={props.hint} error={error} t={props.t} />
      <input
        class="input"
        id={useFieldId(props.name)}
        name={props.name}
        type="file"
        multiple={props.multiple}
        accept={props.accept}
        aria-describedby={describedBy(props.name, props.hint, error)}
        aria-invalid={error ? "true" : undefined}
      />
    </div>
  );
}

export function Button({ children, variant = "primary" }: { children: ComponentChildren; variant?: "primary" | "secondary" | "danger" }) {
  return (
    <button type="submit" class={`button button-${variant}`}>
      {children}
    </button>
  );
}

/** A record's delete button: a form of its own, posting to `action`. */
export function DeleteForm({ action, csrfToken, label }: { action: string; csrfToken: string; label: string }) {
  return (
    <Form action={action} csrfToken={csrfToken}>
      <div class="actions">
        <Button variant="danger">{label}</Button>
      </div>
    </Form>
  );
}

/**
 * The bot guard of a public form (`platform/http/bot-guard.ts`): the signed time it was
 * shown, and a field people never see, hidden from assistive technology too.
 */
export function BotGuard({ stamp, t }: { stamp: string; t: Translate }) {
  return (
    <>
      <input type="hidden" name="started" value={stamp} />
      <div class="honeypot" aria-hidden="true">
        <label for="f-website">{t("form.honeypot")}</label>
        <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
      </div>
    </>
  );
}
