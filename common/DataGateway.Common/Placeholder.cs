namespace DataGateway.Common; public static class Placeholder {}
