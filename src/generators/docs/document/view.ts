/**
 * The architecture document as data: every section the model fills, nothing else. Strings are
 * plain text; the Markdown and reStructuredText templates escape them with their own helpers. A
 * section or list that is empty (undefined or []) is not printed.
 */
export interface Diagram {
  /** Path relative to docs/, e.g. `diagrams/containers-overview.mmd`. */
  readonly file: string;
  readonly mermaid: string;
  /** The PlantUML equivalent for formats that embed PlantUML (reStructuredText). */
  readonly plantuml?: string;
}

export interface Fact {
  readonly label: string;
  readonly text: string;
  /** Sub-items printed as a nested list under the fact. */
  readonly items?: readonly string[];
}

export interface Table {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A titled part with an optional description and its facts: a client, service, store, flow or state machine. */
export interface Described {
  readonly title: string;
  readonly description?: string;
  readonly facts: readonly Fact[];
}

export interface Titled {
  readonly title: string;
  readonly anchor: string;
}

export interface DocumentView {
  readonly title: string;
  readonly sourceFile: string;
  readonly info: readonly Fact[];
  readonly contents: readonly Titled[];
  readonly summary: readonly string[];
  readonly keyDecisions: readonly string[];
  readonly overview: OverviewView;
  readonly principles: readonly { readonly name: string; readonly rationale: string }[];
  readonly style?: { readonly paragraph: string; readonly facts: readonly Fact[] };
  readonly highLevel: {
    readonly context: Diagram;
    readonly containers: Diagram;
    readonly containersC4: string;
    readonly layers: readonly Fact[];
  };
  readonly components: ComponentsView;
  readonly data?: DataView;
  readonly flows: readonly FlowView[];
  readonly stateMachines: readonly StateMachineView[];
  readonly integration?: IntegrationView;
  readonly security?: SecurityView;
  readonly deployment: DeploymentView;
  readonly crossCutting: readonly { readonly title: string; readonly facts: readonly Fact[] }[];
  readonly quality?: QualityView;
  readonly decisions?: DecisionsView;
  readonly glossary?: Table;
  readonly revisions: Table;
}

export interface OverviewView {
  readonly purpose?: string;
  readonly scope: string;
  readonly requirements: readonly Fact[];
  readonly users: readonly Fact[];
  readonly externals: readonly Fact[];
  readonly constraints: readonly string[];
}

export interface ComponentsView {
  readonly clients: readonly Described[];
  readonly gateway?: Described;
  readonly services: readonly ServiceView[];
}

export interface ServiceView extends Described {
  readonly endpoints?: Table;
  readonly published?: Table;
  readonly consumed?: Table;
  readonly diagram: Diagram;
  readonly diagramC4: string;
  readonly openapi: string;
}

export interface DataView {
  readonly table: Table;
  readonly stores: readonly StoreView[];
}

export interface StoreView extends Described {
  readonly er?: Diagram;
  readonly tables?: Table;
  readonly collections?: Table;
}

export interface FlowView extends Described {
  readonly steps: readonly { readonly text: string; readonly details: readonly string[] }[];
  readonly sequence: Diagram;
  readonly budget: Table;
  readonly budgetNote: string;
}

export interface StateMachineView extends Described {
  readonly diagram: Diagram;
  readonly transitions?: Table;
}

export interface IntegrationView {
  readonly intro: string;
  readonly sync?: { readonly text: string; readonly table: Table };
  readonly async?: { readonly text: string; readonly table: Table; readonly topology: Diagram };
  readonly externals?: Table;
}

export interface SecurityView {
  readonly facts: readonly Fact[];
  /** The public API's OpenAPI document, relative to docs/. */
  readonly openapi: string;
  readonly publicEndpoints?: Table;
  readonly internalEndpoints?: Table;
}

export interface DeploymentView {
  readonly facts: readonly Fact[];
  readonly environments?: Table;
  readonly scaling: Table;
  readonly diagram: Diagram;
}

export interface QualityView {
  readonly groups: readonly { readonly title: string; readonly facts: readonly Fact[] }[];
  readonly slos?: Table;
}

export interface DecisionsView {
  readonly index: Table;
  readonly records: readonly DecisionView[];
}

export interface DecisionView {
  readonly heading: string;
  readonly file: string;
  readonly facts: readonly Fact[];
  readonly gained: readonly string[];
  readonly costs: readonly string[];
  readonly alternatives: readonly { readonly option: string; readonly rejectedBecause: string }[];
}
