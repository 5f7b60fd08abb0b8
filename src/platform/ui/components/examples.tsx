import type { VNode } from "preact";
import { chartExamples } from "./chart/examples.js";
import { formExamples } from "./form/examples.js";
import { tableExamples } from "./table/examples.js";

/**
 * Examples of every shared component, each kept beside its component. The render test
 * and the axe test both use them, so a component that breaks either is caught.
 */
export const componentExamples: Record<string, () => VNode> = { ...formExamples, ...tableExamples, ...chartExamples };
