"""API plumbing every domain router shares: pagination, the JSON body parser, error answers,
the OpenAPI additions, offline docs and the authentication protocol.

It lives in `core` so that domain apps can build their routers without importing the API
package on top (`citypeers.api`), which only mounts them.
"""
