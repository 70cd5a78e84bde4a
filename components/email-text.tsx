/**
 * An email address that may wrap only where a reader expects it to: after the "@" and before each dot of the
 * domain ("margaret@ | example | .com"), never mid-word as overflow-wrap: anywhere would ("margaret@exa | mple.com").
 */
export function EmailText({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  if (at < 0) return <>{email}</>;
  const [first, ...rest] = email.slice(at + 1).split(".");
  return (
    <span className="break-normal [overflow-wrap:normal]">
      {email.slice(0, at + 1)}
      <wbr />
      {first}
      {rest.map((label, index) => (
        <span key={index}>
          <wbr />.{label}
        </span>
      ))}
    </span>
  );
}
