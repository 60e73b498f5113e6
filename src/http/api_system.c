/* Health, readiness, metrics and the OpenAPI document. */
#include "util/common.h"

#include "http/api.h"
#include "http/http_int.h"
#include "http/openapi.h"
#include "store/store.h"

int api_healthz(struct http_request *r)
{
	return http_reply(r, 200, json_pack("{s:s}", "status", "ok"));
}

int api_readyz(struct http_request *r)
{
	int v = store_schema_version(r->store);

	if (v <= 0)
		return http_fail(r, E_UNAVAILABLE, NULL, "database not ready");
	return http_reply(r, 200, json_pack("{s:s, s:i}", "status", "ready", "schema", v));
}

int api_metrics(struct http_request *r)
{
	http_metrics_render(&r->text);
	r->ctype = "text/plain; version=0.0.4; charset=utf-8";
	r->status = 200;
	return 0;
}

int api_openapi(struct http_request *r)
{
	strbuf_add(&r->text, openapi_json, openapi_json_len);
	r->ctype = "application/json";
	r->status = 200;
	return 0;
}
