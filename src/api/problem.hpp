// problem.hpp: every answer that is not a success, as RFC 9457 problem details with the Dutch
// sentence first and field errors for forms. The one place where a refusal becomes HTTP.
#pragma once

#include "api/http.hpp"
#include "core/outcome.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace kd {

Response json_reply(int status, const nlohmann::json& body);

// The one mapping of RefusalKind to a status: invalid 422, conflict 409, forbidden 403,
// not_found 404, unavailable 503.
Response problem(const Refusal& r);

// Answers of the HTTP layer itself, before any use case runs.
Response not_logged_in();                       // 401
Response login_failed();                        // 401, the same whether the account exists
Response missing_csrf_token();                  // 403
Response unsupported_media_type();              // 415
Response body_too_large(std::size_t max_bytes); // 413
Response malformed_json();                      // 400
Response malformed_path();                      // 400: bad percent escapes or not UTF-8
Response malformed_request(); // 400: the HTTP framing itself (a bad chunk, CL with TE, ...)
Response headers_too_large(std::size_t max_bytes);         // 431
Response expectation_failed();                             // 417: an Expect other than 100-continue
Response bad_query(const std::vector<FieldError>& fields); // 400: the query string
Response too_many_attempts(std::chrono::seconds retry_after); // 429
Response no_such_address();                                   // 404
Response server_busy(); // 503: stopping, or too many waiting or overloaded
// 500 for an exception: the cause goes to the log under an incident id, the reply names the
// id and never the cause.
Response internal_error(const std::string& where, const std::string& cause);

} // namespace kd
