package gateway

import (
	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Status is the conventional HTTP status of an errs.Code. Vendors may differ;
// the mapping lives here, at the HTTP edge, so the domain vocabulary stays
// free of transport.
func Status(c errs.Code) int {
	switch c {
	case errs.Invalid:
		return 400
	case errs.Unauthorized:
		return 401
	case errs.Forbidden:
		return 403
	case errs.NotFound:
		return 404
	case errs.Method:
		return 405
	case errs.Conflict:
		return 409
	case errs.TooLarge:
		return 413
	case errs.MediaType:
		return 415
	case errs.RateLimited:
		return 429
	case errs.Unavailable:
		return 503
	default:
		return 500
	}
}

// TenantParam resolves ?tenant= (an id or a credential), creating the tenant
// when needed. It returns nil when the parameter is absent.
func TenantParam(c *gin.Context, reg *tenant.Registry) *tenant.Tenant {
	v := c.Query("tenant")
	if v == "" {
		return nil
	}
	t := reg.Ensure(v)
	reg.Await(c.Request.Context(), t) // a tenant back from eviction is rebuilt first
	return t
}
