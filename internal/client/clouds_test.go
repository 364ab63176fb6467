package client

import (
	"net/http"
	"testing"
)

func TestListCloudProviders(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, `{"code":0,"data":[`+
		`{"cloudId":"aws","description":"Amazon Web Services"},{"cloudId":"gcp","description":"Google Cloud"}]}`))

	providers, err := c.ListCloudProviders(t.Context())
	if err != nil {
		t.Fatalf("ListCloudProviders: %v", err)
	}

	if len(providers) != 2 || providers[1] != (CloudProvider{CloudID: "gcp", Description: "Google Cloud"}) {
		t.Errorf("providers = %+v", providers)
	}
	got := server.recorded()[0]
	if got.Method != http.MethodGet || got.Path != "/v1/clouds" {
		t.Errorf("request = %s %s, want GET /v1/clouds", got.Method, got.Path)
	}
}

func TestListCloudRegions(t *testing.T) {
	const regions = `{"code":200,"data":[{"cloudId":"gcp","regionId":"gcp-us-west1",` +
		`"apiBaseUrl":"https://api.gcp-us-west1.zillizcloud.com"}]}`

	cases := []struct {
		name, cloudID, wantQuery string
	}{
		{"one provider", "gcp", "cloudId=gcp"},
		{"every provider", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			server, c := serve(t, respond(http.StatusOK, regions))

			got, err := c.ListCloudRegions(t.Context(), tc.cloudID)
			if err != nil {
				t.Fatalf("ListCloudRegions: %v", err)
			}

			want := CloudRegion{CloudID: "gcp", RegionID: "gcp-us-west1", APIBaseURL: "https://api.gcp-us-west1.zillizcloud.com"}
			if len(got) != 1 || got[0] != want {
				t.Errorf("regions = %+v, want [%+v]", got, want)
			}
			req := server.recorded()[0]
			if req.Path != "/v1/regions" {
				t.Errorf("path = %s, want /v1/regions", req.Path)
			}
			if req.RawQuery != tc.wantQuery {
				t.Errorf("query = %q, want %q", req.RawQuery, tc.wantQuery)
			}
		})
	}
}
