terraform {
  required_providers {
    zilliz = {
      source = "vectorops/zilliz"
    }
  }
}

# The API key is best left to the ZILLIZ_API_KEY environment variable, so that it stays out of
# the configuration. Every attribute can come from the environment instead.
provider "zilliz" {
  cloud_region = "gcp-us-west1"
  max_retries  = 8
}
