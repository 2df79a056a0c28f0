/** A small spec for the SDK: a gateway without rate limit, path, query and header parameters, inline schemas, a 204, an endpoint without responses, an internal endpoint and a service with no public one. */
export const NOTES = `archkit: 1
system: { name: notes, title: Notes }
gateway:
  auth: { kind: jwt, secretEnv: JWT_SECRET }
services:
  notes:
    endpoints:
      addNote:
        method: POST
        path: /boards/{boardId}/notes
        summary: Add a note to a board
        public: true
        auth: required
        request:
          params: { boardId: { type: integer } }
          headers: { idempotencyKey: { type: string } }
          body: { type: object, required: [text], properties: { text: { type: string }, tags: { type: array, items: { type: string } } } }
        responses: { 201: Note, 400: Problem }
      listNotes:
        method: GET
        path: /notes
        public: true
        request: { query: { tag: { type: string }, limit: { type: integer } } }
        responses: { 200: { type: array, items: { $ref: Note } } }
      deleteNote:
        method: DELETE
        path: /notes/{noteId}
        public: true
        auth: role:editor
        request: { params: { noteId: { type: string } } }
        responses: { 204: null, 404: Problem }
      ping:
        method: GET
        path: /ping
        public: true
      reindex:
        method: POST
        path: /reindex
        responses: { 202: null }
  audit:
    endpoints:
      record:
        method: POST
        path: /records
        responses: { 201: null }
schemas:
  Note:
    description: A note on a board
    type: object
    required: [id, text]
    properties: { id: { type: string }, text: { type: string }, pinned: { type: boolean } }
`;

/** A system without a gateway: nothing is public, so there is no SDK. */
export const NO_GATEWAY = `archkit: 1
system: { name: quiet, title: Quiet }
services:
  notes:
    endpoints:
      ping: { method: GET, path: /ping, responses: { 204: null } }
`;
