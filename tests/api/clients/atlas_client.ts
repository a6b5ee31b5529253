// What a browser or Node program does with the types openapi-typescript generates from the schema; the
// test checks it with `tsc --strict`, and that nothing in it overrides the types the schema gives.
import type { components, paths } from "./atlas-api";

type CodeList = paths["/api/v1/codes/"]["get"]["responses"][200]["content"]["application/json"];
type ComparisonAnswer =
  paths["/api/v1/comparisons/{family}/{pair}/"]["get"]["responses"][200]["content"]["application/json"];
type Problem = components["schemas"]["Problem"];
type Code = components["schemas"]["Code"];
type CodeAnswer = paths["/api/v1/codes/{family}/{slug}/"]["get"]["responses"][200]["content"]["application/json"];
type Moved =
  paths["/api/v1/comparisons/{family}/{pair}/"]["get"]["responses"][301]["content"]["application/json"];
type StatusClass = components["schemas"]["StatusClass"];
type Query = NonNullable<paths["/api/v1/codes/"]["get"]["parameters"]["query"]>;
type Headers = NonNullable<paths["/api/v1/codes/{family}/{slug}/"]["get"]["parameters"]["header"]>;

// A line about a code, from a list item; a detail is one too.
function line(code: Code): string {
  return `${code.number} ${code.texts.title ?? code.phrase}${code.vendor ? ` (${code.vendor.name})` : ""}`;
}

export async function indonesian404(base: string): Promise<string> {
  const detail: CodeAnswer = await (await fetch(`${base}/api/v1/codes/http/404/?lang=id`)).json();
  if (detail.language === "all") {
    return `${detail.number} ${detail.texts.title.id ?? detail.phrase}`;
  }
  const history: number = detail.history.length;
  return `${line(detail)}, ${history} events`;
}

export async function canonicalPair(base: string): Promise<string> {
  const answer = await fetch(`${base}/api/v1/comparisons/http/520-vs-202/`, { redirect: "manual" });
  const moved: Moved = await answer.json();
  return moved.location;
}

export async function japaneseVendorCodes(base: string): Promise<string[]> {
  const serverErrors: StatusClass = 5;
  const query: Query = { class: serverErrors, official: false, lang: "ja" };
  const url = `${base}/api/v1/codes/?class=${query.class}&official=${query.official}&lang=${query.lang}`;
  const page: CodeList = await (await fetch(url)).json();
  if (page.language === "all") {
    return page.results.map((code) => `${code.number} ${code.texts.title.en ?? code.phrase}`);
  }
  return page.results
    .filter((code) => code.vendor !== null)
    .map(line);
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
