package mock

// cloudProviders returns the data of GET /v1/clouds.
func cloudProviders() []cloudProviderData {
	return []cloudProviderData{
		{CloudID: "aws", Description: "Amazon Web Services"},
		{CloudID: "gcp", Description: "Google Cloud Platform"},
		{CloudID: "azure", Description: "Microsoft Azure"},
	}
}

// cloudRegions returns the data of GET /v1/regions for one cloud, or for all clouds when
// cloudID is empty. An unknown cloud has no regions. The apiBaseUrl values are data only:
// nothing in the mock or its tests sends a request to them.
func cloudRegions(cloudID string) []cloudRegionData {
	all := []struct{ cloudID, regionID string }{
		{"aws", "aws-us-east-1"},
		{"aws", "aws-us-west-2"},
		{"aws", "aws-eu-central-1"},
		{"aws", "aws-ap-southeast-1"},
		{"gcp", "gcp-us-west1"},
		{"gcp", "gcp-us-east4"},
		{"gcp", "gcp-europe-west3"},
		{"azure", "az-eastus"},
		{"azure", "az-westeurope"},
	}

	regions := []cloudRegionData{}
	for _, r := range all {
		if cloudID != "" && r.cloudID != cloudID {
			continue
		}
		regions = append(regions, cloudRegionData{
			CloudID:    r.cloudID,
			RegionID:   r.regionID,
			APIBaseURL: "https://controller.api." + r.regionID + ".zillizcloud.com",
		})
	}
	return regions
}
