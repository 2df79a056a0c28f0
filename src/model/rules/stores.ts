import type { Rule } from "./context.js";

export const sharedStore: Rule = {
  name: "shared-store",
  check({ model, report }) {
    for (const store of model.stores) {
      if (store.kind === "cache" || store.usedBy.length < 2) continue;
      report("sharedStore", store.source, {
        message: `store \`${store.id}\` is used by ${store.usedBy.length} services (${store.usedBy.join(", ")}); each ${store.kind} store should have one owning service`,
        hint: "give each service its own store and share data through endpoints or events",
      }, "key");
    }
  },
};

export const unusedStore: Rule = {
  name: "unused-store",
  needsComplete: true,
  check({ model, report }) {
    for (const store of model.stores) {
      if (store.usedBy.length > 0) continue;
      report("unusedStore", store.source, { message: `store \`${store.id}\` is not used by any service`, hint: `add \`stores: [${store.id}]\` to the service that owns it, or remove the store` }, "key");
    }
  },
};
