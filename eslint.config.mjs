import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The layering of docs/architecture.md, enforced: a violation fails `npm test` (scripts/lint-rules.test.ts shows each).
const DATABASE = {
  group: ["@/lib/db/client", "@/lib/db/types", "@/lib/generated/*", "**/lib/db/client", "**/lib/db/types", "**/lib/generated/**"],
  message: "Pages, layouts, route handlers and components read and write through lib/ (the domain in lib/iam), never the database client.",
};
const PICKER_OPTIONS = {
  group: ["@/lib/iam/picker-options"],
  message: "picker-options.ts does not authorize: call the domain read that offers the picker (e.g. userPageChoices, inviteChoices).",
};
const FRAMEWORK = [
  { group: ["next", "next/*", "next-auth", "next-auth/*", "react", "react/*", "react-dom", "react-dom/*"], message: "lib/iam is the domain: no Next.js, React or Auth.js (callers add caching, redirects and rendering)." },
  { group: ["@/lib/auth/*", "**/lib/auth/*"], message: "lib/iam never depends on lib/auth: the actor type and assertCan live in lib/iam/authz; lib/auth builds the actor." },
  { group: ["@/lib/actions/*", "@/components/*", "@/app/*"], message: "lib/iam is the domain: it knows nothing of server actions or the UI." },
];

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: [".next/**", "lib/generated/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**"] },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [DATABASE, PICKER_OPTIONS] }] },
  },
  {
    files: ["lib/iam/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: FRAMEWORK }] },
  },
];

export default config;
