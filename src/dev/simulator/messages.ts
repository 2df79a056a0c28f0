import { missingFields, newId, objectBody, problemAnswer, type Behaviour } from "./protocol.js";

/**
 * An email service: `POST /messages` with `{ to, subject, text, template? }` is accepted (202)
 * when `to` is an address; the message is only recorded.
 *
 * @example
 * emailService()({ method: "POST", path: "/messages", query: {}, headers: {}, body: { to: "ada@example.com", subject: "Hi", text: "..." } }).status // 202
 */
export function emailService(): Behaviour {
  return (request) => {
    if (request.method !== "POST" || request.path !== "/messages")
      return notFound(request.method, request.path, "email");
    const body = objectBody(request.body);
    const invalid = missingFields(body, ["to", "subject", "text"]);
    if (invalid) return invalid;
    if (!/^[^@\s]+@[^@\s]+$/.test(body!.to as string))
      return problemAnswer(400, "invalid_recipient", `"${String(body!.to)}" is not an email address`);
    return { status: 202, body: { id: newId("msg"), status: "queued", to: body!.to } };
  };
}

/**
 * A text message service: `POST /messages` with `{ to, text }` is accepted (202) when `to` is an
 * E.164 number such as +447700900123; the message is only recorded.
 *
 * @example
 * smsService()({ method: "POST", path: "/messages", query: {}, headers: {}, body: { to: "+447700900123", text: "Shipped" } }).status // 202
 */
export function smsService(): Behaviour {
  return (request) => {
    if (request.method !== "POST" || request.path !== "/messages") return notFound(request.method, request.path, "sms");
    const body = objectBody(request.body);
    const invalid = missingFields(body, ["to", "text"]);
    if (invalid) return invalid;
    if (!/^\+[1-9][0-9]{6,14}$/.test(body!.to as string))
      return problemAnswer(400, "invalid_recipient", `"${String(body!.to)}" is not an E.164 phone number`);
    return { status: 202, body: { id: newId("sms"), status: "queued", to: body!.to } };
  };
}

/**
 * Any other external: every request is recorded and accepted with 202.
 *
 * @example
 * genericService()({ method: "PUT", path: "/anything", query: {}, headers: {}, body: {} }).status // 202
 */
export function genericService(): Behaviour {
  return () => ({ status: 202, body: { id: newId("req"), status: "accepted" } });
}

function notFound(method: string, path: string, kind: string) {
  return problemAnswer(404, "not_found", `no route ${method} ${path}; the ${kind} service answers POST /messages`);
}
