{{/* The release's name prefix of every object. */}}
{{- define "dg.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 52 | trimSuffix "-" -}}
{{- end -}}

{{- define "dg.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "gateway"). */}}
{{- define "dg.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "dg.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{- define "dg.serviceAccountName" -}}
{{- default (include "dg.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/* Pod-level security: non-root, the runtime's default seccomp profile, no API token. */}}
{{- define "dg.podSecurity" -}}
automountServiceAccountToken: false
serviceAccountName: {{ include "dg.serviceAccountName" . }}
securityContext:
  runAsNonRoot: true
  runAsUser: 1654
  runAsGroup: 1654
  fsGroup: 1654
  seccompProfile:
    type: RuntimeDefault
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "dg.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities:
    drop: ["ALL"]
{{- end -}}

{{- define "dg.probes" -}}
startupProbe:
  httpGet: {path: /healthz, port: http}
  periodSeconds: 2
  failureThreshold: 60
livenessProbe:
  httpGet: {path: /healthz, port: http}
  periodSeconds: 10
readinessProbe:
  httpGet: {path: /readyz, port: http}
  periodSeconds: 5
{{- end -}}

{{- define "dg.ports" -}}
ports:
  - name: http
    containerPort: 8080
  - name: metrics
    containerPort: {{ .Values.metricsPort }}
{{- end -}}

{{/* Settings every process shares: where it listens and the metrics port. */}}
{{/* (dict "root" $ "component" "gateway"): both addresses on IPv4 and IPv6 ("+"), then the component's extraEnv. */}}
{{- define "dg.commonEnv" -}}
- name: Urls
  value: {{ printf "http://+:8080;http://+:%v" .root.Values.metricsPort | quote }}
- name: DataGateway__Metrics__Port
  value: {{ .root.Values.metricsPort | quote }}
{{- with (index .root.Values .component).extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* A setting from an existing Secret: (dict "name" "DataGateway__X__Y" "secret" "s" "key" "k"). */}}
{{- define "dg.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{- define "dg.connectionEnv" -}}
{{ include "dg.secretEnv" (dict "name" (printf "DataGateway__%s__ConnectionString" .section) "secret" (required "database.existingSecret is required: the Secret holding the PostgreSQL connection string" .root.Values.database.existingSecret) "key" .root.Values.database.connectionStringKey) }}
{{- end -}}

{{/* The token issuer the gateway and the catalog trust. */}}
{{- define "dg.identityEnv" -}}
{{- $identity := .Values.identity -}}
- name: DataGateway__Identity__Issuer
  value: {{ required "identity.issuer is required" $identity.issuer | quote }}
- name: DataGateway__Identity__Audience
  value: {{ required "identity.audience is required" $identity.audience | quote }}
- name: DataGateway__Identity__ClockSkew
  value: {{ $identity.clockSkew | quote }}
- name: DataGateway__Identity__JwksRefreshInterval
  value: {{ $identity.jwksRefreshInterval | quote }}
- name: DataGateway__Identity__JwksCachePath
  value: /tmp/jwks-cache.json
{{- if $identity.jwksUrl }}
- name: DataGateway__Identity__JwksUrl
  value: {{ $identity.jwksUrl | quote }}
{{- else if not $identity.signingKeys.existingSecret }}
{{- fail "identity.jwksUrl or identity.signingKeys.existingSecret is required: the platform must know whose tokens to trust" }}
{{- end }}
{{- range $index, $key := $identity.signingKeys.keys }}
- name: {{ printf "DataGateway__Identity__SigningKeyFiles__%d" $index }}
  value: {{ printf "/etc/datagateway/identity/%s" $key | quote }}
{{- end }}
{{- end -}}

{{- define "dg.identityMount" -}}
{{- if .Values.identity.signingKeys.existingSecret }}
- name: identity-keys
  mountPath: /etc/datagateway/identity
  readOnly: true
{{- end }}
{{- end -}}

{{- define "dg.identityVolume" -}}
{{- if .Values.identity.signingKeys.existingSecret }}
- name: identity-keys
  secret:
    secretName: {{ .Values.identity.signingKeys.existingSecret }}
{{- end }}
{{- end -}}

{{/* The data subjects' consent issuer (持证主体授权) the gateway and the catalog trust; nothing without an issuer. */}}
{{- define "dg.consentEnv" -}}
{{- $consent := .Values.consent -}}
{{- if $consent.issuer }}
- name: DataGateway__Consent__Issuer
  value: {{ $consent.issuer | quote }}
- name: DataGateway__Consent__Organization
  value: {{ required "consent.organization is required with consent.issuer: the catalog organization that withdraws consents" $consent.organization | quote }}
- name: DataGateway__Consent__ClockSkew
  value: {{ $consent.clockSkew | quote }}
- name: DataGateway__Consent__MaxLifetime
  value: {{ $consent.maxLifetime | quote }}
- name: DataGateway__Consent__JwksRefreshInterval
  value: {{ $consent.jwksRefreshInterval | quote }}
- name: DataGateway__Consent__JwksCachePath
  value: /tmp/consent-jwks-cache.json
{{- if $consent.jwksUrl }}
- name: DataGateway__Consent__JwksUrl
  value: {{ $consent.jwksUrl | quote }}
{{- else if not $consent.signingKeys.existingSecret }}
{{- fail "consent.jwksUrl or consent.signingKeys.existingSecret is required with consent.issuer" }}
{{- end }}
{{- range $index, $key := $consent.signingKeys.keys }}
- name: {{ printf "DataGateway__Consent__SigningKeyFiles__%d" $index }}
  value: {{ printf "/etc/datagateway/consent/%s" $key | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "dg.consentMount" -}}
{{- if and .Values.consent.issuer .Values.consent.signingKeys.existingSecret }}
- name: consent-keys
  mountPath: /etc/datagateway/consent
  readOnly: true
{{- end }}
{{- end -}}

{{- define "dg.consentVolume" -}}
{{- if and .Values.consent.issuer .Values.consent.signingKeys.existingSecret }}
- name: consent-keys
  secret:
    secretName: {{ .Values.consent.signingKeys.existingSecret }}
{{- end }}
{{- end -}}

{{- define "dg.checkpointEnv" -}}
{{- if .root.Values.checkpointKey.existingSecret }}
- name: {{ printf "DataGateway__%s__CheckpointKeyFile" .section }}
  value: {{ printf "/etc/datagateway/checkpoint/%s" .root.Values.checkpointKey.key | quote }}
{{- end }}
{{- end -}}

{{- define "dg.checkpointMount" -}}
{{- if .Values.checkpointKey.existingSecret }}
- name: checkpoint-key
  mountPath: /etc/datagateway/checkpoint
  readOnly: true
{{- end }}
{{- end -}}

{{- define "dg.checkpointVolume" -}}
{{- if .Values.checkpointKey.existingSecret }}
- name: checkpoint-key
  secret:
    secretName: {{ .Values.checkpointKey.existingSecret }}
{{- end }}
{{- end -}}

{{- define "dg.scrapeAnnotations" -}}
{{- if .Values.metrics.annotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .Values.metricsPort | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- end -}}
