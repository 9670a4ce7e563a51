namespace DataGateway.Catalog.Store; public static class Placeholder {}
