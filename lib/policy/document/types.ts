// Shared shapes of the document-as-data modules.

/** Where in the source document a rule, answer or leaf comes from, e.g. '第七部分 · 快速决策树 · 3️⃣'. */
export type Citation = string

/** English text for the product, with the document's Chinese original kept beside it. */
export type DocText = { en: string; zh: string }
