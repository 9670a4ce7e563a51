namespace DataGateway.Testing; public static class Placeholder {}
