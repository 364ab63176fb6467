package provider

// RegistryAddress is the provider's source address on the Terraform Registry. Configurations
// name it as "vectorops/zilliz" in required_providers, and main.go serves the provider under it.
const RegistryAddress = "registry.terraform.io/vectorops/zilliz"

// TypeName is the provider type name, the prefix of every resource and data source type.
const TypeName = "zilliz"
