{{/* Chart name. */}}
{{- define "highlights.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name. */}}
{{- define "highlights.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "highlights.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of one service's objects. Args: dict root name. */}}
{{- define "highlights.componentName" -}}
{{- printf "%s-%s" (include "highlights.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "highlights.labels" -}}
helm.sh/chart: {{ include "highlights.chart" . }}
app.kubernetes.io/name: {{ include "highlights.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: highlights
{{- end }}

{{/* Labels of one service. Args: dict root name. */}}
{{- define "highlights.componentLabels" -}}
{{ include "highlights.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* Selector labels of one service. Args: dict root name. */}}
{{- define "highlights.selectorLabels" -}}
app.kubernetes.io/name: {{ include "highlights.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "highlights.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "highlights.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image of one service. Args: dict root svc. */}}
{{- define "highlights.image" -}}
{{- $tag := .svc.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) .svc.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .svc.image.repository $tag -}}
{{- end -}}
{{- end }}

{{/* Env var name of a client property: KAFKA_ + the property upper-cased, non-alphanumerics as _. */}}
{{- define "highlights.envName" -}}
{{- printf "%s%s" .prefix (regexReplaceAll "[^A-Za-z0-9]" .property "_" | upper) -}}
{{- end }}

{{/*
Every Kafka client and registry serde setting, as JSON {"items": [{property, env, value | secretName+key}]}.
Kafka ones are named KAFKA_<PROPERTY> (Quarkus reads that env var as kafka.<property>), registry ones
SCHEMA_REGISTRY_<...>. The env carries the value (from a Secret when it is one) and the chart's config
file passes ${ENV} on to every pass-through namespace, so the value reaches the clients unchanged.
*/}}
{{- define "highlights.clientSettings" -}}
{{- $items := list -}}
{{- $k := .Values.kafka -}}
{{- if $k.securityProtocol -}}
{{- $items = append $items (dict "property" "security.protocol" "value" $k.securityProtocol) -}}
{{- end -}}
{{- if $k.sasl.mechanism -}}
{{- $items = append $items (dict "property" "sasl.mechanism" "value" $k.sasl.mechanism) -}}
{{- end -}}
{{- if $k.sasl.jaasConfig.secretName -}}
{{- $items = append $items (dict "property" "sasl.jaas.config" "secretName" $k.sasl.jaasConfig.secretName "key" $k.sasl.jaasConfig.key) -}}
{{- else if $k.sasl.credentials.secretName -}}
{{- $module := include "highlights.saslLoginModule" . -}}
{{- $items = append $items (dict "property" "sasl.jaas.config" "value" (printf "%s required username=\"${HIGHLIGHTS_KAFKA_SASL_USERNAME}\" password=\"${HIGHLIGHTS_KAFKA_SASL_PASSWORD}\";" $module)) -}}
{{- end -}}
{{- range $store := list "truststore" "keystore" -}}
{{- $s := get $k.tls $store -}}
{{- if $s.secretName -}}
{{- $items = append $items (dict "property" (printf "ssl.%s.location" $store) "value" (printf "/etc/highlights/kafka-tls/%s/%s" $store $s.key)) -}}
{{- $items = append $items (dict "property" (printf "ssl.%s.type" $store) "value" $s.type) -}}
{{- if $s.passwordKey -}}
{{- $items = append $items (dict "property" (printf "ssl.%s.password" $store) "secretName" $s.secretName "key" $s.passwordKey) -}}
{{- end -}}
{{- if and (eq $store "keystore") $s.keyPasswordKey -}}
{{- $items = append $items (dict "property" "ssl.key.password" "secretName" $s.secretName "key" $s.keyPasswordKey) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $p, $v := $k.properties -}}
{{- $items = append $items (dict "property" $p "value" (toString $v)) -}}
{{- end -}}
{{- range $p, $ref := $k.secretProperties -}}
{{- $items = append $items (dict "property" $p "secretName" $ref.secretName "key" $ref.key) -}}
{{- end -}}
{{- $out := list -}}
{{- range $items -}}
{{- $out = append $out (merge (dict "env" (include "highlights.envName" (dict "prefix" "KAFKA_" "property" .property))) .) -}}
{{- end -}}
{{- $r := .Values.schemaRegistry -}}
{{- $reg := list -}}
{{- if $r.basicAuth.secretName -}}
{{- $reg = append $reg (dict "property" "basic.auth.credentials.source" "value" "USER_INFO") -}}
{{- $reg = append $reg (dict "property" "basic.auth.user.info" "secretName" $r.basicAuth.secretName "key" $r.basicAuth.key) -}}
{{- end -}}
{{- range $p, $v := $r.properties -}}
{{- $reg = append $reg (dict "property" $p "value" (toString $v)) -}}
{{- end -}}
{{- range $p, $ref := $r.secretProperties -}}
{{- $reg = append $reg (dict "property" $p "secretName" $ref.secretName "key" $ref.key) -}}
{{- end -}}
{{- range $reg -}}
{{- $out = append $out (merge (dict "env" (include "highlights.envName" (dict "prefix" "SCHEMA_REGISTRY_" "property" (trimPrefix "schema.registry." .property)))) .) -}}
{{- end -}}
{{- dict "items" $out | toJson -}}
{{- end }}

{{/*
The SASL user name and password of kafka.sasl.credentials, as env vars of every pod. They are no client property
themselves (HIGHLIGHTS_, not KAFKA_): the JAAS line the chart writes refers to them.
*/}}
{{- define "highlights.saslCredentialEnv" -}}
{{- $c := .Values.kafka.sasl.credentials -}}
{{- if and $c.secretName (not .Values.kafka.sasl.jaasConfig.secretName) }}
- name: HIGHLIGHTS_KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $c.secretName }}
      key: {{ $c.usernameKey }}
- name: HIGHLIGHTS_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $c.secretName }}
      key: {{ $c.passwordKey }}
{{- end }}
{{- end }}

{{/* The Kafka login module of kafka.sasl.mechanism for a user name and password (PLAIN or SCRAM). */}}
{{- define "highlights.saslLoginModule" -}}
{{- $m := .Values.kafka.sasl.mechanism | upper -}}
{{- if eq $m "PLAIN" -}}
org.apache.kafka.common.security.plain.PlainLoginModule
{{- else if hasPrefix "SCRAM-" $m -}}
org.apache.kafka.common.security.scram.ScramLoginModule
{{- else -}}
{{- fail (printf "kafka.sasl.credentials needs kafka.sasl.mechanism PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (got %q); give other mechanisms a complete line in kafka.sasl.jaasConfig" .Values.kafka.sasl.mechanism) -}}
{{- end -}}
{{- end }}

{{/* KEDA's kafka scaler name of kafka.sasl.mechanism (its "sasl" parameter), or "" without SASL. */}}
{{- define "highlights.kedaSasl" -}}
{{- $m := .Values.kafka.sasl.mechanism | upper -}}
{{- if and $m (contains "SASL" (.Values.kafka.securityProtocol | upper)) -}}
{{- get (dict "PLAIN" "plaintext" "SCRAM-SHA-256" "scram_sha256" "SCRAM-SHA-512" "scram_sha512" "OAUTHBEARER" "oauthbearer" "GSSAPI" "gssapi") $m | default "" -}}
{{- end -}}
{{- end }}

{{/* Probe of one kind. Args: dict root svc kind. */}}
{{- define "highlights.probe" -}}
{{- $p := get .root.Values.probes .kind -}}
{{- if and .svc.probes (hasKey .svc.probes .kind) }}
{{- $p = merge (deepCopy (get .svc.probes .kind)) $p -}}
{{- end -}}
httpGet:
  path: {{ $p.path }}
  port: {{ if .svc.managementPort }}management{{ else }}http{{ end }}
periodSeconds: {{ $p.periodSeconds }}
failureThreshold: {{ $p.failureThreshold }}
timeoutSeconds: {{ $p.timeoutSeconds }}
{{- if $p.initialDelaySeconds }}
initialDelaySeconds: {{ $p.initialDelaySeconds }}
{{- end }}
{{- end }}

{{/* The Secret that holds ingest's API key: the one named in values, or the one the chart generates. */}}
{{- define "highlights.apiKeySecret" -}}
{{- .Values.services.ingest.apiKey.secretName | default (printf "%s-ingest-api-key" (include "highlights.fullname" .)) -}}
{{- end }}
