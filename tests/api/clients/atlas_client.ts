// What a browser or Node program does with the types openapi-typescript generates from the schema; the
// test checks it with `tsc --strict`, and that nothing in it overrides the types the schema gives.
import type { components, paths } from "./atlas-api";

type CodeList = paths["/api/v1/codes/"]["get"]["responses"][200]["content"]["application/json"];
type ComparisonAnswer =
  paths["/api/v1/comparisons/{family}/{pair}/"]["get"]["responses"][200]["content"]["application/json"];
type Problem = components["schemas"]["Problem"];
type Query = NonNullable<paths["/api/v1/codes/"]["get"]["parameters"]["query"]>;
type Headers = NonNullable<paths["/api/v1/codes/{family}/{slug}/"]["get"]["parameters"]["header"]>;

export async function japaneseVendorCodes(base: string): Promise<string[]> {
  const query: Query = { class: 5, official: false, lang: "ja" };
  const url = `${base}/api/v1/codes/?class=${query.class}&official=${query.official}&lang=${query.lang}`;
  const page: CodeList = await (await fetch(url)).json();
  if (page.language === "all") {
    return page.results.map((code) => `${code.number} ${code.texts.title.en ?? code.phrase}`);
  }
  return page.results
    .filter((code) => code.vendor !== null)
    .map((code) => `${code.number} ${code.texts.title ?? code.phrase} (${code.vendor?.name ?? ""})`);
}

export async function indonesianComparison(base: string): Promise<string> {
  const url = `${base}/api/v1/comparisons/http/202-vs-520/?lang=id`;
  const first = await fetch(url);
  const comparison: ComparisonAnswer = await first.json();
  const title: string | null =
    comparison.language === "all" ? comparison.texts.title.id : comparison.texts.title;
  const headers: Headers = { "If-None-Match": first.headers.get("ETag") ?? "" };
  const again = await fetch(url, { headers: { "If-None-Match": headers["If-None-Match"] ?? "" } });
  if (again.status !== 304) {
    throw new Error(`expected 304, got ${again.status}`);
  }
  return title ?? comparison.slug;
}

export function describe(problem: Problem): string {
  return `${problem.status} ${problem.title}: ${problem.detail} (${problem.type})`;
}
